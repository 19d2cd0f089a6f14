// Minimal levelled logging to stdout/stderr; LOG_LEVEL=silent keeps test output clean.
const order = { debug: 10, info: 20, warn: 30, error: 40, silent: 100 } as const
type Level = keyof typeof order

function threshold(): number {
	const level = (process.env.LOG_LEVEL ?? 'info') as Level
	return order[level] ?? order.info
}

function write(level: Exclude<Level, 'silent'>, message: string, detail?: unknown) {
	if (order[level] < threshold()) return
	const line = `${new Date().toISOString()} ${level.toUpperCase()} ${message}`
	const out = level === 'error' || level === 'warn' ? console.error : console.log
	if (detail === undefined) out(line)
	else out(line, detail)
}

export const log = {
	debug: (message: string, detail?: unknown) => write('debug', message, detail),
	info: (message: string, detail?: unknown) => write('info', message, detail),
	warn: (message: string, detail?: unknown) => write('warn', message, detail),
	error: (message: string, detail?: unknown) => write('error', message, detail),
}
