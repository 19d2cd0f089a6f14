// The upload-check thread from the TypeScript source (dev server, tests): Node 20 runs no
// TypeScript, so this plain file registers tsx's loader in the thread and then loads the thread's
// code. The built server runs build/server/upload-check-worker.js instead (vite.config.ts).
import { register } from 'tsx/esm/api'

register()
await import('./upload-check.worker.ts')
