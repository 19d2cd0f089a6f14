// Organisation accounts (issue 18): insurers and branch bodies invited by staff, and people who
// register with a verified address for a consultation open to anyone. Both go through the one
// invitation mechanism (auth.server.ts inviteUser: a personal link by mail, the password chosen on
// acceptance, which verifies the address). Such an account reacts to consultations and sees
// nothing else: it never has a staff role or a membership (permissions.server.ts).
import type { OrganisationType } from '#app/generated/prisma/client.ts'
import { AppError } from '#app/domain/errors.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { consumeRateLimit } from '#app/lib/rate-limit.server.ts'
import { isConsultationOpen } from '#app/domain/consultation.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { inviteUser } from './auth.server.ts'
import { getConsultation } from './consultation.server.ts'

export interface OrganisationInvite {
	email: string
	name: string
	organisationName: string
	organisationType: OrganisationType
}

async function assertFreeForOrganisation(tx: Tx, email: string) {
	const existing = await tx.user.findUnique({
		where: { email },
		select: { kind: true, staffRole: true, _count: { select: { memberships: true } } },
	})
	if (existing && (existing.kind !== 'organisation' || existing.staffRole || existing._count.memberships > 0))
		throw new AppError('account_kind_taken')
	return existing
}

/** Staff invite an organisation; an existing organisation account keeps its password. */
export async function inviteOrganisation(actor: Actor & { userId: string }, input: OrganisationInvite): Promise<void> {
	await db.$transaction(async (tx) => {
		await assertFreeForOrganisation(tx, input.email)
		const inviter = await tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { name: true } })
		const { userId } = await inviteUser(tx, {
			email: input.email,
			name: input.name,
			invitedBy: { id: actor.userId, name: inviter.name },
			providerId: null,
			actor,
		})
		await tx.user.update({
			where: { id: userId },
			data: {
				kind: 'organisation',
				organisationName: input.organisationName,
				organisationType: input.organisationType,
			},
		})
		await recordAudit(tx, {
			actor,
			action: 'organisation.invite',
			entityType: 'User',
			entityId: userId,
			after: { organisationName: input.organisationName, organisationType: input.organisationType },
		})
	})
}

export async function listOrganisations() {
	const rows = await db.user.findMany({
		where: { kind: 'organisation' },
		orderBy: [{ organisationName: 'asc' }, { name: 'asc' }],
		select: {
			id: true,
			email: true,
			name: true,
			organisationName: true,
			organisationType: true,
			active: true,
			passwordHash: true,
			createdAt: true,
		},
	})
	// Never send a password hash to the browser: only whether the invitation was accepted.
	return rows.map(({ passwordHash, ...row }) => ({ ...row, invited: passwordHash === null }))
}

/**
 * Anyone may register for a consultation that is open to the public: the account is created and
 * the invitation (the verification of the address) is mailed. The answer is the same whether or
 * not the address is known, so the form tells nobody who has an account.
 */
export async function registerPublicReactor(
	year: number,
	input: { email: string; name: string; organisationName: string | null },
	ip: string,
): Promise<void> {
	const consultation = await getConsultation(year)
	const at = now()
	if (!consultation?.openToPublic || !isConsultationOpen(consultation, at))
		throw new AppError('consultation_closed', { closesOn: { date: consultation?.closesOn ?? '1970-01-01' } })
	const [byIp, byEmail] = await Promise.all([
		consumeRateLimit(`consultation-register:ip:${ip}`, { limit: 10, windowMs: 60 * 60_000 }),
		consumeRateLimit(`consultation-register:email:${input.email}`, { limit: 3, windowMs: 60 * 60_000 }),
	])
	if (!byIp.allowed || !byEmail.allowed)
		throw new AppError('too_many_requests', {
			minutes: Math.ceil(Math.max(byIp.retryAfterSeconds ?? 0, byEmail.retryAfterSeconds ?? 0) / 60) || 60,
		})
	await db.$transaction(async (tx) => {
		const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true, kind: true } })
		// Known addresses: nothing happens (a person who has an account signs in).
		if (existing) return
		const { userId } = await inviteUser(tx, {
			email: input.email,
			name: input.name,
			invitedBy: null,
			providerId: null,
			actor: { type: 'public', userId: null, ip },
		})
		await tx.user.update({
			where: { id: userId },
			data: { kind: 'organisation', organisationName: input.organisationName, organisationType: null },
		})
	})
}
