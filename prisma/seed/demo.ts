// Demo data for `npm run demo`: created once, on an empty database only.
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { seedDemo } from './demo-data.ts'

/** `now`: the moment the demo world is built up to (the demo clock, or real time). */
export async function seedDemoIfEmpty(prisma: PrismaClient, options: { now?: Date } = {}): Promise<boolean> {
	const users = await prisma.user.count()
	if (users > 0) return false
	await seedDemo(prisma, options)
	return true
}
