// Several worker processes of the portal on one machine, sharing its port (node:cluster; issue 17,
// docs/deploy.md "Worker processes"). Node answers every request on one thread: at the deadline
// peak that thread is the limit while the machine's other cores wait. With KEURMERK_WORKERS=N the
// primary process only starts N workers and stops them; each worker is a whole portal instance, as
// behind a load balancer, so everything they share is already shared through PostgreSQL (sessions,
// limits, the scheduled runs' leader lock, the mail outbox, the stored files' database). PGlite
// cannot be opened by two processes, so workers need DATABASE_URL.
import cluster from 'node:cluster'

/** The number of workers asked for (1: no workers, the process serves itself). */
export function workerCount(env = process.env) {
	const value = (env.KEURMERK_WORKERS ?? '').trim()
	if (value === '') return 1
	const asked = /^\d{1,2}$/.test(value) ? Number(value) : Number.NaN
	if (!(asked >= 1 && asked <= 64))
		throw new Error(`KEURMERK_WORKERS moet een geheel getal van 1 tot en met 64 zijn, niet ${JSON.stringify(value)}`)
	return asked
}

/**
 * In the primary process with more than one worker asked for: start them and return true (the
 * caller then starts nothing itself). A worker that dies stops the portal (code 1), as a crashed
 * single process would, so systemd or the container restarts the whole; SIGTERM and SIGINT are
 * passed on, and the primary ends when the last worker has written what it held and stopped.
 */
export function superviseWorkers(env = process.env) {
	if (!cluster.isPrimary) return false
	let count
	try {
		count = workerCount(env)
	} catch (error) {
		console.error(error instanceof Error ? error.message : String(error))
		process.exit(1)
	}
	if (count === 1) return false
	if (!env.DATABASE_URL) {
		console.error(
			'KEURMERK_WORKERS > 1 vraagt om PostgreSQL (DATABASE_URL): de ingebouwde database kan door één proces tegelijk worden geopend.',
		)
		process.exit(1)
	}
	let stopping = false
	let exitCode = 0
	const stopAll = (signal) => {
		if (stopping) return
		stopping = true
		for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
	}
	cluster.on('exit', (worker, code, signal) => {
		if (!stopping) {
			console.error(`werkproces ${worker.process.pid} stopte (${signal ?? code}): de portal stopt`)
			exitCode = 1
			stopAll('SIGTERM')
		}
		if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode)
	})
	process.on('SIGTERM', () => stopAll('SIGTERM'))
	process.on('SIGINT', () => stopAll('SIGINT'))
	for (let index = 0; index < count; index++) cluster.fork({ KEURMERK_WORKER_INDEX: String(index) })
	console.log(`Keurmerkportaal: ${count} werkprocessen op één poort`)
	return true
}
