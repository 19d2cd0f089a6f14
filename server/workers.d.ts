// Types of server/workers.js (plain JavaScript: server.js loads it before any bundle exists).
export function workerCount(env?: Record<string, string | undefined>): number
export function superviseWorkers(env?: Record<string, string | undefined>): boolean
