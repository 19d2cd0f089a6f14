// A small seeded hash, so the domain needs no `crypto` (it must stay portable) and a recorded seed
// always reproduces the same numbers on every platform.

/**
 * cyrb53 (bryc, public domain): a fast 53-bit string hash with good avalanche behaviour. Not
 * cryptographic — a sample seed is recorded and public to staff; it only has to be unbiased and
 * reproducible. Returns an integer in [0, 2^53).
 */
export function cyrb53(text: string, seed = 0): number {
	let h1 = 0xdeadbeef ^ seed
	let h2 = 0x41c6ce57 ^ seed
	for (let i = 0; i < text.length; i++) {
		const ch = text.charCodeAt(i)
		h1 = Math.imul(h1 ^ ch, 2654435761)
		h2 = Math.imul(h2 ^ ch, 1597334677)
	}
	h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507)
	h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909)
	h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507)
	h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909)
	return 4294967296 * (2097151 & h2) + (h1 >>> 0)
}

/** A stable pseudo-random rank of `item` under `seed`: hashing both with a separator between them. */
export function seededRank(seed: string, item: string): number {
	return cyrb53(`${seed}\u0000${item}`)
}
