// Demo data for `npm run demo`: created once, on an empty database only.
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { seedDemo } from './demo-data.ts'

export async function seedDemoIfEmpty(prisma: PrismaClient): Promise<boolean> {
	const users = await prisma.user.count()
	if (users > 0) return false
	await seedDemo(prisma)
	return true
}
