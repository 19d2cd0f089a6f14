// The part of autocannon's API the register bench uses (the package ships no types).
declare module 'autocannon' {
	interface Histogram {
		average: number
		p50: number
		p90: number
		p99: number
		max: number
	}
	export interface Result {
		requests: Histogram & { total: number }
		latency: Histogram
		non2xx: number
		errors: number
		timeouts: number
		duration: number
	}
	export interface Instance extends PromiseLike<Result> {
		on(
			event: 'response',
			listener: (client: unknown, statusCode: number, bytes: number, responseTime: number) => void,
		): void
	}
	export interface Options {
		url: string
		connections?: number
		duration?: number
		pipelining?: number
		headers?: Record<string, string>
		method?: string
		body?: string | Buffer
		/** Per-request set-up and response hooks (autocannon's `requests`). */
		requests?: {
			method?: string
			path?: string
			headers?: Record<string, string>
			body?: string | Buffer
			setupRequest?: (request: { headers?: Record<string, string> }, context: unknown) => object
			onResponse?: (status: number, body: string, context: unknown, headers: Record<string, string>) => void
		}[]
	}
	export default function autocannon(options: Options): Instance
}
