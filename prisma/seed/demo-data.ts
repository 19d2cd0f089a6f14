import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { hashPassword } from '#app/lib/password.server.ts'
import { demoAccounts, demoPassword } from './demo-accounts.ts'

export async function seedDemo(prisma: PrismaClient): Promise<void> {
	const passwordHash = await hashPassword(demoPassword)
	for (const account of demoAccounts) {
		const staffRole = account.email.startsWith('beheer@')
			? 'admin'
			: account.email.endsWith('@kibg.demo')
				? 'assessor'
				: null
		await prisma.user.create({ data: { email: account.email, name: account.name, passwordHash, staffRole } })
	}
}
