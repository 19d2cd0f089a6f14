// Accounts for administrators: staff (roles), provider members, deactivation. A deactivated user
// cannot log in (auth refuses inactive accounts) and every session of theirs ends at once.
import type { Prisma, StaffRole } from '#app/generated/prisma/client.ts'
import { pageWindow, type TableQuery, type TableSpec } from '#app/lib/table-query.ts'
import { AppError } from '#app/domain/errors.ts'
import { db } from '#app/lib/db.server.ts'
import { forgetUserSessionRows } from '#app/lib/session.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { inviteUser } from './auth.server.ts'
import type { Locale } from '#app/i18n/catalogue.ts'

export const USER_KINDS = ['admin', 'assessor', 'member'] as const
export const USER_STATUSES = ['active', 'inactive', 'invited'] as const

export function usersTableSpec(): TableSpec {
	return {
		columns: ['name', 'email', 'role', 'organisations', 'status', 'lastLoginAt'],
		alwaysVisible: ['name'],
		sortable: ['name', 'email', 'lastLoginAt'],
		defaultSort: [{ id: 'name', desc: false }],
		filters: [
			{ id: 'kind', kind: 'options', values: USER_KINDS },
			{ id: 'status', kind: 'options', values: USER_STATUSES },
		],
	}
}

function userWhere(query: TableQuery): Prisma.UserWhereInput {
	const and: Prisma.UserWhereInput[] = []
	const kinds = query.filters.kind
	if (kinds) {
		and.push({
			OR: [
				...kinds.filter((kind) => kind !== 'member').map((kind) => ({ staffRole: kind as StaffRole })),
				...(kinds.includes('member') ? [{ staffRole: null }] : []),
			],
		})
	}
	const statuses = query.filters.status
	if (statuses) {
		and.push({
			OR: [
				...(statuses.includes('active') ? [{ active: true, passwordHash: { not: null } }] : []),
				...(statuses.includes('inactive') ? [{ active: false }] : []),
				...(statuses.includes('invited') ? [{ active: true, passwordHash: null }] : []),
			],
		})
	}
	if (query.search) {
		and.push({
			OR: [
				{ name: { contains: query.search, mode: 'insensitive' } },
				{ email: { contains: query.search, mode: 'insensitive' } },
				{ memberships: { some: { provider: { name: { contains: query.search, mode: 'insensitive' } } } } },
			],
		})
	}
	return and.length ? { AND: and } : {}
}

export async function listUsers(query: TableQuery) {
	const where = userWhere(query)
	const total = await db.user.count({ where })
	const { skip, take, page } = pageWindow(query, total)
	const orderBy = query.sort.map((key): Prisma.UserOrderByWithRelationInput => {
		const direction = key.desc ? 'desc' : 'asc'
		if (key.id === 'email') return { email: direction }
		if (key.id === 'lastLoginAt') return { lastLoginAt: { sort: direction, nulls: 'last' } }
		return { name: direction }
	})
	const rows = await db.user.findMany({
		where,
		orderBy: [...orderBy, { id: 'asc' }],
		skip,
		take,
		select: {
			id: true,
			name: true,
			email: true,
			staffRole: true,
			active: true,
			lastLoginAt: true,
			passwordHash: true,
			memberships: { select: { canSign: true, provider: { select: { id: true, name: true } } } },
		},
	})
	// Never send a password hash to the browser: only whether the invitation was accepted.
	return { rows: rows.map(({ passwordHash, ...row }) => ({ ...row, invited: passwordHash === null })), total, page }
}

export async function inviteStaff(
	actor: Actor & { userId: string },
	input: { email: string; name: string; role: StaffRole; invitedBy: { id: string; name: string } },
): Promise<void> {
	return db.$transaction(async (tx) => {
		const existing = await tx.user.findUnique({ where: { email: input.email } })
		if (existing) throw new AppError('account_exists')
		await inviteUser(tx, {
			email: input.email,
			name: input.name,
			invitedBy: input.invitedBy,
			providerId: null,
			staffRole: input.role,
			actor,
		})
	})
}

export async function inviteProviderMember(
	actor: Actor & { userId: string },
	input: { email: string; name: string; providerId: string; canSign: boolean; invitedBy: { id: string; name: string } },
): Promise<void> {
	return db.$transaction(async (tx) => {
		const provider = await tx.provider.findUnique({ where: { id: input.providerId }, select: { id: true } })
		if (!provider) throw new AppError('provider_unknown')
		const existing = await tx.user.findUnique({ where: { email: input.email }, select: { staffRole: true } })
		if (existing?.staffRole) throw new AppError('staff_cannot_be_member')
		const { userId } = await inviteUser(tx, {
			email: input.email,
			name: input.name,
			invitedBy: input.invitedBy,
			providerId: input.providerId,
			actor,
		})
		const membership = await tx.membership.upsert({
			where: { userId_providerId: { userId, providerId: input.providerId } },
			create: { userId, providerId: input.providerId, canSign: input.canSign, invitedById: input.invitedBy.id },
			update: { canSign: input.canSign },
		})
		await recordAudit(tx, {
			actor,
			action: 'membership.invite',
			entityType: 'Membership',
			entityId: membership.id,
			providerId: input.providerId,
			after: { userId, canSign: input.canSign },
		})
	})
}

export async function changeRole(actor: Actor & { userId: string }, userId: string, role: StaffRole): Promise<void> {
	return db.$transaction(async (tx) => {
		const user = await tx.user.findUnique({ where: { id: userId }, select: { staffRole: true } })
		if (!user?.staffRole) throw new AppError('not_staff')
		if (userId === actor.userId && role !== 'admin') throw new AppError('own_admin_role')
		if (user.staffRole === role) return
		await tx.user.update({ where: { id: userId }, data: { staffRole: role } })
		await recordAudit(tx, {
			actor,
			action: 'user.change_role',
			entityType: 'User',
			entityId: userId,
			before: { staffRole: user.staffRole },
			after: { staffRole: role },
		})
	})
}

export async function setActive(actor: Actor & { userId: string }, userId: string, active: boolean): Promise<void> {
	return db.$transaction(async (tx) => {
		const user = await tx.user.findUnique({ where: { id: userId }, select: { active: true } })
		if (!user) throw new AppError('user_not_found')
		if (userId === actor.userId) throw new AppError('own_account')
		if (user.active === active) return
		await tx.user.update({ where: { id: userId }, data: { active } })
		// A deactivated user is signed out everywhere at once.
		if (!active) await tx.session.deleteMany({ where: { userId } })
		await recordAudit(tx, {
			actor,
			action: active ? 'user.reactivate' : 'user.deactivate',
			entityType: 'User',
			entityId: userId,
			before: { active: user.active },
			after: { active },
		})
	})
}

export async function providerOptions() {
	return db.provider.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true, city: true }, take: 5000 })
}

/** The language a user reads the portal in (the account's preference). */
export async function setUserLocale(userId: string, locale: Locale): Promise<void> {
	await db.user.update({ where: { id: userId }, data: { locale } })
	// An autosave on a session row this process kept would answer in the old language for up to a
	// minute (app/lib/write-guard.server.ts): the next request reads the row with the new one.
	forgetUserSessionRows(userId)
}
