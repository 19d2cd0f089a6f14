// Ids for rows written with SQL of our own (the hot paths of issue 17), in the shape Prisma's
// @default(cuid()) gives every other row: 'c', then the time, a counter and randomness in base 36,
// 25 characters. The audit log recognises ids by that shape (audit-log.server.ts).
import { randomBytes } from 'node:crypto'

let counter = 0

export function newId(): string {
	counter = (counter + 1) % 36 ** 4
	const time = Date.now().toString(36).padStart(8, '0').slice(-8)
	const random = BigInt(`0x${randomBytes(8).toString('hex')}`)
		.toString(36)
		.padStart(12, '0')
		.slice(-12)
	return `c${time}${counter.toString(36).padStart(4, '0')}${random}`
}
