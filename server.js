// Starts the portal: Vite in development, the built bundle in production. Everything else
// (security headers, start-up, routes) is in server/app.ts, which is part of the bundle.
import { readdirSync } from 'node:fs'
import path from 'node:path'
import v8 from 'node:v8'
import compression from 'compression'
import express from 'express'
import { superviseWorkers } from './server/workers.js'

// Memory (issue 17, target 3; docs/deploy.md, "Memory"): under load V8 let the old generation grow
// to four times what was alive before collecting it (measured: 240 MB of heap holding ~100 MB of
// live objects at the deadline rush). A fixed growing factor of 1.3 collects sooner: a little more
// GC work for a heap that stays near what is alive. Read at every collection, so set here rather
// than on the command line, and the same for `npm start`, the Dockerfile, systemd and the benches.
// KEURMERK_HEAP_GROWING_PERCENT=0 gives V8 its own choice back.
const heapGrowingPercent = Number.parseInt(process.env.KEURMERK_HEAP_GROWING_PERCENT ?? '30', 10)
if (heapGrowingPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${heapGrowingPercent}`)

/** How long an idle kept-alive connection stays open (see servePortal). */
const KEEP_ALIVE_MS = 65_000

// KEURMERK_WORKERS=N (production, PostgreSQL): this process starts N portal processes on the
// port and serves nothing itself (server/workers.js).
if (!(process.env.NODE_ENV === 'production' && superviseWorkers())) await servePortal()

async function servePortal() {
	const production = process.env.NODE_ENV === 'production'
	const port = Number.parseInt(process.env.PORT || '3000', 10)
	const host = process.env.HOST || '0.0.0.0'

	const app = express()
	app.disable('x-powered-by')
	// The portal's JSON and plain-text answers are small (autosave and upload answers, the health
	// check, refusals) and leave the route as a stream without a length, so the size threshold cannot
	// see them: each got a zlib stream of its own, for a few hundred bytes (issue 17, a CPU profile of
	// the deadline rush). The open data files (JSON, CSV) are large and keep their compression.
	const compress = compression({
		filter(req, res) {
			const type = String(res.getHeader('Content-Type') ?? '')
			if (/^(?:application\/json|text\/plain)\b/i.test(type) && !req.path.startsWith('/open-data/')) return false
			return compression.filter(req, res)
		},
	})
	// The filter decides when the answer's headers are written, but the middleware wraps every
	// response before that (its write, end and header hooks: about 5 % of what an autosave
	// allocated, issue 17). The health check and a script's POST asking for JSON (the autosave,
	// the upload, the assessment's save) answer small JSON the filter would refuse anyway.
	// `bundle` (server/app.ts) is loaded below, before the server listens.
	let bundle
	app.use((req, res, next) => {
		if (req.path === bundle.HEALTHZ_PATH || (req.method === 'POST' && req.headers.accept === 'application/json'))
			return next()
		compress(req, res, next)
	})

	if (production) {
		bundle = await import('./build/server/index.js')
		// Static files carry the security headers too (issue 15, finding 7), set when a file is served;
		// everything else is the portal's, which sets the full set with its CSP nonce (server/app.ts).
		// Without a redirect of a directory's address: the portal answers that (404, with its headers).
		const files = { setHeaders: bundle.setStaticFileHeaders, redirect: false }
		app.use('/assets', express.static('build/client/assets', { ...files, immutable: true, maxAge: '1y' }))
		app.use(publicFiles('build/client', { ...files, maxAge: '1h', index: false }, bundle.decodedOr))
		await bundle.ready
		app.use(bundle.app)
	} else {
		const vite = await import('vite')
		const viteDevServer = await vite.createServer({ server: { middlewareMode: true } })
		app.use(viteDevServer.middlewares)
		bundle = await viteDevServer.ssrLoadModule('./server/app.ts')
		await bundle.ready
		app.use(async (req, res, next) => {
			try {
				// Reloaded on change; start-up work is guarded so it runs once per process.
				const source = await viteDevServer.ssrLoadModule('./server/app.ts')
				await source.ready
				source.app(req, res, next)
			} catch (error) {
				if (error instanceof Error) viteDevServer.ssrFixStacktrace(error)
				next(error)
			}
		})
	}

	const server = app.listen(port, host, () => {
		const url = process.env.APP_URL || `http://localhost:${port}`
		console.log(`Keurmerkportaal draait op ${url}`)
	})
	// A client that keeps its connection for the next request (a browser, a load balancer, a test's
	// API client) may send that request just as the server closes the idle connection, and gets a
	// reset: Node's 5 s default lost that race in a CI run (ECONNRESET on a POST after ~5 s idle).
	// Longer than a load balancer's usual 60 s idle timeout, so the balancer closes first
	// (docs/deploy.md); the wait for a request's headers a little longer still, as Node requires.
	server.keepAliveTimeout = KEEP_ALIVE_MS
	server.headersTimeout = KEEP_ALIVE_MS + 1_000

	let stopping = false
	async function stop(signal) {
		if (stopping) return
		stopping = true
		console.log(`${signal}: portal stopt…`)
		server.close()
		server.closeAllConnections?.()
		try {
			await bundle.shutdown()
		} finally {
			process.exit(0)
		}
	}
	process.on('SIGINT', () => void stop('SIGINT'))
	process.on('SIGTERM', () => void stop('SIGTERM'))
}

// The build's public files beside /assets (favicon.svg): serve-static asks the file system for every
// GET and HEAD it sees, so each page, register search and health check paid a stat of a file that
// is not there (issue 17, a CPU profile of the deadline rush). The files are known when the build is.
// `decodedOr` is the bundle's (server/decoded.ts): a path with a malformed escape names no file.
function publicFiles(root, options, decodedOr) {
	const serve = express.static(root, options)
	const files = new Set(
		readdirSync(root, { recursive: true, withFileTypes: true })
			.filter((entry) => entry.isFile())
			.map((entry) => `/${path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/')}`)
			.filter((file) => !file.startsWith('/assets/')),
	)
	return (req, res, next) => {
		if ((req.method === 'GET' || req.method === 'HEAD') && files.has(decodedOr(req.path))) return serve(req, res, next)
		next()
	}
}
