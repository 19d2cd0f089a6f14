// A provider's team: members invite colleagues, grant or revoke signing authority and remove
// members. Only members with signing authority manage the team (the route requires it), and the
// organisation always keeps at least one member with signing authority (someone must sign).
import { AppError } from '#app/domain/errors.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import { lockProvider } from '#app/lib/db/lock.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { inviteUser } from './auth.server.ts'

export async function teamMembers(providerId: string) {
	const memberships = await db.membership.findMany({
		where: { providerId },
		orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
		select: {
			id: true,
			canSign: true,
			isPrimaryContact: true,
			jobTitle: true,
			createdAt: true,
			user: { select: { id: true, name: true, email: true, active: true, passwordHash: true, lastLoginAt: true } },
		},
	})
	// Never send a password hash to the browser: only whether the invitation was accepted.
	return memberships.map(({ user: { passwordHash, ...user }, ...membership }) => ({
		...membership,
		user: { ...user, invited: passwordHash === null },
	}))
}

export async function inviteTeamMember(
	providerId: string,
	actor: Actor & { userId: string },
	input: {
		name: string
		email: string
		jobTitle: string | null
		canSign: boolean
		invitedBy: { id: string; name: string }
	},
): Promise<void> {
	return db.$transaction(async (tx) => {
		const existing = await tx.user.findUnique({
			where: { email: input.email },
			select: { staffRole: true, memberships: { where: { providerId }, select: { id: true } } },
		})
		if (existing?.staffRole) throw new AppError('staff_cannot_be_member', {}, { field: 'email' })
		if (existing?.memberships.length) throw new AppError('already_member', {}, { field: 'email' })
		const { userId } = await inviteUser(tx, {
			email: input.email,
			name: input.name,
			invitedBy: input.invitedBy,
			providerId,
			actor,
		})
		const membership = await tx.membership.create({
			data: { userId, providerId, canSign: input.canSign, jobTitle: input.jobTitle, invitedById: input.invitedBy.id },
		})
		await recordAudit(tx, {
			actor,
			action: 'membership.invite',
			entityType: 'Membership',
			entityId: membership.id,
			providerId,
			after: { userId, canSign: input.canSign, jobTitle: input.jobTitle },
		})
	})
}

export async function changeTeamMember(
	providerId: string,
	actor: Actor & { userId: string },
	membershipId: string,
	change: 'grant' | 'revoke' | 'remove',
): Promise<{ userId: string }> {
	return db.$transaction(async (tx) => {
		// Serialise team changes of one provider: two signers revoking each other at once must not
		// leave the organisation without one.
		await lockProvider(tx, providerId)
		const membership = await tx.membership.findFirst({ where: { id: membershipId, providerId } })
		if (!membership) throw new AppError('member_not_found')
		if (
			(change === 'revoke' || change === 'remove') &&
			membership.canSign &&
			(await otherSigners(tx, providerId, membershipId)) === 0
		) {
			throw new AppError('last_signer')
		}
		if (change === 'remove') {
			await tx.membership.delete({ where: { id: membershipId } })
			// Open invitations into this team end with the membership.
			await tx.userToken.updateMany({
				where: { userId: membership.userId, providerId, purpose: 'invitation', usedAt: null },
				data: { usedAt: new Date() },
			})
		} else {
			await tx.membership.update({ where: { id: membershipId }, data: { canSign: change === 'grant' } })
		}
		await recordAudit(tx, {
			actor,
			action: `membership.${change}`,
			entityType: 'Membership',
			entityId: membershipId,
			providerId,
			before: { userId: membership.userId, canSign: membership.canSign },
			after: change === 'remove' ? null : { userId: membership.userId, canSign: change === 'grant' },
		})
		return { userId: membership.userId }
	})
}

function otherSigners(tx: Tx, providerId: string, membershipId: string) {
	return tx.membership.count({
		where: { providerId, canSign: true, id: { not: membershipId }, user: { active: true } },
	})
}
