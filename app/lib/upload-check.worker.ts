// The upload-check thread (upload-check-pool.server.ts starts it): inspects uploads waiting in
// their temporary files, one at a time, off the server's event loop (issue 17: the PDF window scan
// and the reads behind it cost the event loop ~10 ms per 1 MB upload, beside the saves and
// /healthz). It gets a path and answers the type and the problem found; the file stays where it
// is and is removed by the main thread after the answer.
//
// TypeScript: the built server has it as build/server/upload-check-worker.js (vite.config.ts);
// from the source (dev, tests) the pool starts it through tsx.
import { parentPort } from 'node:worker_threads'
import { inspectUpload } from './upload-inspect.server.ts'

export type CheckRequest = { id: number; path: string }
export type CheckReply =
	{ id: number; ok: true; kind: string | null; problem: string | null } | { id: number; ok: false; message: string }

const port = parentPort
if (!port) throw new Error('upload-check.worker.ts runs only as a Worker')

port.on('message', (request: CheckRequest) => {
	inspectUpload({ path: request.path }).then(
		({ kind, problem }) => port.postMessage({ id: request.id, ok: true, kind, problem } satisfies CheckReply),
		(error: unknown) =>
			port.postMessage({
				id: request.id,
				ok: false,
				message: error instanceof Error ? error.message : String(error),
			} satisfies CheckReply),
	)
})
