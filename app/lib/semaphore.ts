// A bound on how much of one kind of heavy work runs at once in this process (issue 17, target 3):
// work that holds megabytes while it waits (an upload's bytes until they are stored) queues here
// instead, holding nothing but its place, so memory under a rush is the bound's worth, not one
// body per request. Each piece of work weighs something (an upload: its declared bytes); first
// come, first served, so a heavy one waiting at the front is not overtaken for ever by light ones.

export interface Semaphore {
	/** Runs `work` once `weight` (at most the capacity) fits; given back however `work` ends. */
	run<T>(work: () => Promise<T>, weight?: number): Promise<T>
	/** Weight in use and pieces of work waiting (metrics, tests). */
	readonly used: number
	readonly waiting: number
}

export function semaphore(capacity: number): Semaphore {
	if (!Number.isInteger(capacity) || capacity < 1) throw new Error(`Ongeldige capaciteit: ${capacity}`)
	let used = 0
	const queue: { weight: number; start: () => void }[] = []
	const admit = () => {
		for (let first = queue[0]; first && used + first.weight <= capacity; first = queue[0]) {
			queue.shift()
			used += first.weight
			first.start()
		}
	}
	return {
		async run(work, weight = 1) {
			const taken = Math.min(capacity, Math.max(1, Math.ceil(weight)))
			if (queue.length === 0 && used + taken <= capacity) used += taken
			else await new Promise<void>((start) => queue.push({ weight: taken, start }))
			try {
				return await work()
			} finally {
				used -= taken
				admit()
			}
		},
		get used() {
			return used
		},
		get waiting() {
			return queue.length
		},
	}
}
