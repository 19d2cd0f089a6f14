// The kennisnetwerk (issue 18, DOMAIN.md §9). A carrier's themes are its answers to the
// self-evaluation's learn (5.2) and teach (6.2) questions; a signing member opts in (revocable),
// names a contact person and what to share. Only opted-in carriers see each other, ranked by the
// domain's matchesFor; a request is mailed to the other's contact and nothing else is disclosed
// until the other side answers. A carrier that did not opt in is never shown to another carrier.
import { href } from 'react-router'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { AppError } from '#app/domain/errors.ts'
import { type Direction, matchesFor, type NetworkMember, themeMatrix, themesOnList } from '#app/domain/network.ts'
import { registerProvince } from '#app/domain/province.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import type { SessionUser } from '#app/lib/session.server.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { inRegisterAt, isCarrierAt } from './carriers.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { runningYearAt } from './years.server.ts'

export function networkPath(providerId: string): string {
	return href('/aanbieder/:providerId/kennisnetwerk', { providerId })
}

// --- the year's theme list (kept by staff) ---

export async function yearThemes(year: number, client: Tx | typeof db = db): Promise<string[]> {
	const rows = await client.networkTheme.findMany({ where: { year }, orderBy: { position: 'asc' } })
	return rows.map((row) => row.label)
}

/**
 * The themes of a year as the self-evaluation offers them: the staff's list, or (without one) the
 * options the year's norm set names itself.
 */
export async function effectiveThemes(year: number): Promise<string[]> {
	const list = await yearThemes(year)
	if (list.length) return list
	const item = await db.evidenceItem.findFirst({ where: { normSet: { year }, ...networkItemWhere() } })
	const options = (item?.config as { choices?: { options?: unknown } } | null)?.choices?.options
	return Array.isArray(options) ? options.filter((option): option is string => typeof option === 'string') : []
}

/** Years that have a mark year, with how many themes each has (staff overview). */
export async function themeYears(): Promise<{ year: number; themes: number }[]> {
	const years = await db.markYear.findMany({
		orderBy: { year: 'desc' },
		select: { year: true, _count: { select: { networkThemes: true } } },
	})
	return years.map((row) => ({ year: row.year, themes: row._count.networkThemes }))
}

const networkItemWhere = (direction?: Direction): Prisma.EvidenceItemWhereInput =>
	direction
		? { config: { path: ['choices', 'network'], equals: direction } }
		: {
				OR: [
					{ config: { path: ['choices', 'network'], equals: 'learn' } },
					{ config: { path: ['choices', 'network'], equals: 'teach' } },
				],
			}

/** Whether a carrier has chosen the theme in a self-evaluation of the year (then it stays as it is). */
async function themeInUse(tx: Tx, year: number, label: string): Promise<boolean> {
	const answer = await tx.answer.findFirst({
		where: {
			checkedElements: { has: label },
			evidenceItem: { normSet: { year }, ...networkItemWhere() },
		},
		select: { id: true },
	})
	return answer !== null
}

export async function addTheme(actor: Actor & { userId: string }, year: number, label: string): Promise<void> {
	await db.$transaction(async (tx) => {
		const existing = await tx.networkTheme.findMany({ where: { year }, select: { label: true, position: true } })
		if (existing.some((row) => row.label.toLowerCase() === label.toLowerCase()))
			throw new AppError('network_theme_exists', { theme: label, year })
		const row = await tx.networkTheme.create({
			data: { year, label, position: Math.max(-1, ...existing.map((entry) => entry.position)) + 1, createdAt: now() },
		})
		await recordAudit(tx, {
			actor,
			action: 'network_theme.add',
			entityType: 'NetworkTheme',
			entityId: row.id,
			after: { year, label },
		})
	})
}

export async function renameTheme(
	actor: Actor & { userId: string },
	year: number,
	from: string,
	to: string,
): Promise<void> {
	await db.$transaction(async (tx) => {
		const row = await tx.networkTheme.findUnique({ where: { year_label: { year, label: from } } })
		if (!row) throw new AppError('not_found')
		if (from === to) return
		if (await tx.networkTheme.findUnique({ where: { year_label: { year, label: to } } }))
			throw new AppError('network_theme_exists', { theme: to, year })
		// A theme a carrier has chosen keeps its words: the answer refers to them.
		if (await themeInUse(tx, year, from)) throw new AppError('network_theme_in_use', { theme: from, year })
		await tx.networkTheme.update({ where: { id: row.id }, data: { label: to } })
		await recordAudit(tx, {
			actor,
			action: 'network_theme.rename',
			entityType: 'NetworkTheme',
			entityId: row.id,
			before: { label: from },
			after: { label: to },
		})
	})
}

export async function removeTheme(actor: Actor & { userId: string }, year: number, label: string): Promise<void> {
	await db.$transaction(async (tx) => {
		const row = await tx.networkTheme.findUnique({ where: { year_label: { year, label } } })
		if (!row) throw new AppError('not_found')
		if (await themeInUse(tx, year, label)) throw new AppError('network_theme_in_use', { theme: label, year })
		await tx.networkTheme.delete({ where: { id: row.id } })
		await recordAudit(tx, {
			actor,
			action: 'network_theme.remove',
			entityType: 'NetworkTheme',
			entityId: row.id,
			before: { year, label },
		})
	})
}

/**
 * Starts a year's list as a copy of the latest earlier list, or of the options the year's norm set
 * itself names (2022: fifteen themes) when there is none.
 */
export async function startThemeList(actor: Actor & { userId: string }, year: number): Promise<number> {
	return db.$transaction(async (tx) => {
		if (await tx.networkTheme.count({ where: { year } }))
			throw new AppError('network_theme_exists', { theme: '…', year })
		const previous = await tx.networkTheme.findFirst({ where: { year: { lt: year } }, orderBy: { year: 'desc' } })
		let labels = previous ? await yearThemes(previous.year, tx) : []
		if (labels.length === 0) {
			const item = await tx.evidenceItem.findFirst({ where: { normSet: { year }, ...networkItemWhere() } })
			const options = (item?.config as { choices?: { options?: unknown } } | null)?.choices?.options
			labels = Array.isArray(options) ? options.filter((option): option is string => typeof option === 'string') : []
		}
		const at = now()
		await tx.networkTheme.createMany({
			data: labels.map((label, position) => ({ year, label, position, createdAt: at })),
		})
		await recordAudit(tx, {
			actor,
			action: 'network_theme.start',
			entityType: 'MarkYear',
			entityId: String(year),
			after: { year, basedOnYear: previous?.year ?? null, themes: labels.length },
		})
		return labels.length
	})
}

// --- a carrier's themes: its answers to 5.2 and 6.2 ---

export interface CarrierThemes {
	learn: string[]
	teach: string[]
	/** The free text beside the choices. */
	learnNote: string
	teachNote: string
	/** The self-evaluation (year and round) they come from. */
	source: { year: number; round: number } | null
}

/**
 * The themes of each provider, from its latest self-evaluation round (this year's, else the last
 * one before) that answers the learn or teach question, kept to the year's list.
 */
export async function carrierThemes(providerIds: readonly string[], year: number): Promise<Map<string, CarrierThemes>> {
	const result = new Map<string, CarrierThemes>()
	if (providerIds.length === 0) return result
	const [answers, list] = await Promise.all([
		db.answer.findMany({
			where: {
				round: { participation: { providerId: { in: [...providerIds] }, year: { lte: year } } },
				evidenceItem: networkItemWhere(),
			},
			select: {
				checkedElements: true,
				text: true,
				evidenceItem: { select: { config: true } },
				round: { select: { id: true, number: true, participation: { select: { providerId: true, year: true } } } },
			},
		}),
		effectiveThemes(year),
	])
	const latest = new Map<string, { year: number; round: number; id: string }>()
	for (const answer of answers) {
		if (answer.checkedElements.length === 0 && !answer.text?.trim()) continue
		const { providerId, year: answerYear } = answer.round.participation
		const current = latest.get(providerId)
		if (!current || answerYear > current.year || (answerYear === current.year && answer.round.number > current.round))
			latest.set(providerId, { year: answerYear, round: answer.round.number, id: answer.round.id })
	}
	for (const providerId of providerIds) {
		const source = latest.get(providerId)
		const themes: CarrierThemes = {
			learn: [],
			teach: [],
			learnNote: '',
			teachNote: '',
			source: source ? { year: source.year, round: source.round } : null,
		}
		for (const answer of answers) {
			if (!source || answer.round.id !== source.id) continue
			const direction = (answer.evidenceItem.config as { choices?: { network?: Direction } }).choices?.network
			const chosen = themesOnList(answer.checkedElements, list)
			if (direction === 'learn') {
				themes.learn = chosen
				themes.learnNote = answer.text?.trim() ?? ''
			} else if (direction === 'teach') {
				themes.teach = chosen
				themes.teachNote = answer.text?.trim() ?? ''
			}
		}
		result.set(providerId, themes)
	}
	return result
}

// --- opting in and out ---

export interface ProfileInput {
	contactUserId: string
	shareLearn: boolean
	shareTeach: boolean
	shareNotes: boolean
	shareCity: boolean
}

export async function getProfile(providerId: string) {
	return db.networkProfile.findUnique({
		where: { providerId },
		include: { contact: { select: { id: true, name: true, email: true } } },
	})
}

/** A signing member opts the carrier in (or changes what it shares); audited. */
export async function optIn(user: SessionUser, providerId: string, input: ProfileInput, expectedVersion: number) {
	const at = now()
	await db.$transaction(async (tx) => {
		if (!(await isCarrierAt(providerId, at, tx))) throw new AppError('not_found')
		const contact = await tx.membership.findUnique({
			where: { userId_providerId: { userId: input.contactUserId, providerId } },
			select: { user: { select: { active: true } } },
		})
		if (!contact?.user.active) throw new AppError('network_contact_invalid')
		const existing = await tx.networkProfile.findUnique({ where: { providerId } })
		const data = { ...input, revokedAt: null }
		if (existing) {
			const updated = await tx.networkProfile.updateMany({
				where: { id: existing.id, version: expectedVersion },
				data: {
					...data,
					version: { increment: 1 },
					...(existing.revokedAt ? { optedInAt: at, optedInById: user.id } : {}),
				},
			})
			if (updated.count !== 1) throw new AppError('conflict')
		} else {
			if (expectedVersion !== 0) throw new AppError('conflict')
			await tx.networkProfile.create({ data: { providerId, ...data, optedInAt: at, optedInById: user.id } })
		}
		await recordAudit(tx, {
			actor: { type: 'provider', userId: user.id },
			action: existing && !existing.revokedAt ? 'network.update' : 'network.opt_in',
			entityType: 'NetworkProfile',
			entityId: providerId,
			providerId,
			after: input,
			at,
		})
	})
}

/** Revoking hides the carrier at once; its open requests (both ways) are cancelled. */
export async function revoke(user: SessionUser, providerId: string) {
	const at = now()
	await db.$transaction(async (tx) => {
		const profile = await tx.networkProfile.findUnique({ where: { providerId } })
		if (!profile || profile.revokedAt) throw new AppError('network_not_opted_in')
		await tx.networkProfile.update({ where: { id: profile.id }, data: { revokedAt: at, version: { increment: 1 } } })
		await tx.networkRequest.updateMany({
			where: { status: 'pending', OR: [{ fromProviderId: providerId }, { toProviderId: providerId }] },
			data: { status: 'cancelled', answeredAt: at },
		})
		await recordAudit(tx, {
			actor: { type: 'provider', userId: user.id },
			action: 'network.revoke',
			entityType: 'NetworkProfile',
			entityId: providerId,
			providerId,
			at,
		})
	})
}

// --- what an opted-in carrier sees ---

/** The opted-in carriers now, as the domain's members (only what each shares). */
async function activeMembers(
	at: Date,
	year: number,
): Promise<(NetworkMember & { shareNotes: boolean; notes: string[] })[]> {
	const profiles = await db.networkProfile.findMany({
		where: { revokedAt: null, provider: { participations: { some: inRegisterAt(at) } } },
		include: { provider: { select: { id: true, name: true, city: true, province: true, postcode: true } } },
	})
	const themes = await carrierThemes(
		profiles.map((profile) => profile.providerId),
		year,
	)
	return profiles.map((profile) => {
		const own = themes.get(profile.providerId)
		return {
			providerId: profile.providerId,
			name: profile.provider.name,
			city: profile.shareCity ? profile.provider.city : '',
			province: registerProvince(profile.provider.province, profile.provider.postcode),
			learn: own?.learn ?? [],
			teach: own?.teach ?? [],
			shareLearn: profile.shareLearn,
			shareTeach: profile.shareTeach,
			shareNotes: profile.shareNotes,
			notes: profile.shareNotes
				? [profile.shareLearn ? own?.learnNote : '', profile.shareTeach ? own?.teachNote : ''].filter(
						(note): note is string => Boolean(note),
					)
				: [],
		}
	})
}

export async function networkPage(providerId: string) {
	const at = now()
	const year = runningYearAt(at)
	const carrier = await isCarrierAt(providerId, at)
	const [profile, ownThemes, list] = await Promise.all([
		getProfile(providerId),
		carrierThemes([providerId], year),
		effectiveThemes(year),
	])
	const mine = ownThemes.get(providerId) as CarrierThemes
	const optedIn = carrier && profile !== null && profile.revokedAt === null
	if (!optedIn) return { year, carrier, profile, themes: mine, list, optedIn: false as const }
	const members = await activeMembers(at, year)
	const provider = await db.provider.findUniqueOrThrow({
		where: { id: providerId },
		select: { name: true, city: true, province: true, postcode: true },
	})
	const me: NetworkMember = {
		providerId,
		name: provider.name,
		city: provider.city,
		province: registerProvince(provider.province, provider.postcode),
		learn: mine.learn,
		teach: mine.teach,
		shareLearn: true,
		shareTeach: true,
	}
	const notes = new Map(members.map((member) => [member.providerId, member.notes]))
	const requests = await db.networkRequest.findMany({
		// A cancelled request (one side left the network) is void: it shows nothing of the other side.
		where: { status: { not: 'cancelled' }, OR: [{ fromProviderId: providerId }, { toProviderId: providerId }] },
		orderBy: { createdAt: 'desc' },
		take: 50,
		include: {
			fromProvider: {
				select: { name: true, networkProfile: { select: { contact: { select: { name: true, email: true } } } } },
			},
			toProvider: {
				select: { name: true, networkProfile: { select: { contact: { select: { name: true, email: true } } } } },
			},
		},
	})
	return {
		year,
		carrier,
		profile,
		themes: mine,
		list,
		optedIn: true as const,
		matches: matchesFor(me, members).map((entry) => ({
			...entry,
			matches: entry.matches.map((match) => ({ ...match, notes: notes.get(match.providerId) ?? [] })),
		})),
		members: members.length,
		requests: requests.map((request) => {
			const incoming = request.toProviderId === providerId
			const other = incoming ? request.fromProvider : request.toProvider
			return {
				id: request.id,
				incoming,
				otherProviderId: incoming ? request.fromProviderId : request.toProviderId,
				otherName: other.name,
				theme: request.theme,
				direction: request.direction,
				message: request.message,
				status: request.status,
				createdAt: request.createdAt,
				answerMessage: request.answerMessage,
				// Contacts are disclosed only once the request is accepted.
				contact: request.status === 'accepted' ? (other.networkProfile?.contact ?? null) : null,
			}
		}),
	}
}

// --- requests ---

async function activeProfile(tx: Tx, providerId: string, at: Date) {
	const profile = await tx.networkProfile.findUnique({
		where: { providerId },
		include: { contact: { select: { name: true, email: true } }, provider: { select: { name: true } } },
	})
	if (!profile || profile.revokedAt || !(await isCarrierAt(providerId, at, tx))) return null
	return profile
}

export async function sendRequest(
	user: SessionUser,
	fromProviderId: string,
	input: { toProviderId: string; theme: string; direction: Direction; message: string },
): Promise<void> {
	const at = now()
	const year = runningYearAt(at)
	// Read before the transaction: with PGlite a query outside it would wait for it.
	const themes = (await carrierThemes([input.toProviderId], year)).get(input.toProviderId)
	await db.$transaction(async (tx) => {
		if (input.toProviderId === fromProviderId) throw new AppError('network_request_self')
		const from = await activeProfile(tx, fromProviderId, at)
		if (!from) throw new AppError('network_not_opted_in')
		// A carrier that did not opt in (or left) does not exist as far as the network is concerned.
		const to = await activeProfile(tx, input.toProviderId, at)
		if (!to) throw new AppError('not_found')
		const offers = input.direction === 'learn' ? to.shareTeach && themes?.teach : to.shareLearn && themes?.learn
		if (!offers || !offers.includes(input.theme)) throw new AppError('not_found')
		const open = await tx.networkRequest.findFirst({
			where: { fromProviderId, toProviderId: input.toProviderId, theme: input.theme, status: 'pending' },
		})
		if (open) throw new AppError('network_request_open')
		const request = await tx.networkRequest.create({
			data: {
				fromProviderId,
				toProviderId: input.toProviderId,
				theme: input.theme,
				direction: input.direction,
				message: input.message,
				authorId: user.id,
				createdAt: at,
			},
		})
		const markName = (await tx.markYear.findUnique({ where: { year }, select: { markName: true } }))?.markName ?? ''
		await enqueueEmail(tx, {
			template: 'network_request',
			to: { address: to.contact.email, name: to.contact.name },
			providerId: input.toProviderId,
			dedupeKey: `network_request:${request.id}`,
			data: {
				providerName: to.provider.name,
				markName,
				portalUrl: absoluteUrl(networkPath(input.toProviderId)),
				fromName: from.provider.name,
				theme: input.theme,
				direction: input.direction,
				message: input.message,
			},
		})
		await recordAudit(tx, {
			actor: { type: 'provider', userId: user.id },
			action: 'network.request',
			entityType: 'NetworkRequest',
			entityId: request.id,
			providerId: fromProviderId,
			after: { toProviderId: input.toProviderId, theme: input.theme, direction: input.direction },
			at,
		})
	})
}

export async function answerRequest(
	user: SessionUser,
	providerId: string,
	input: { requestId: string; accept: boolean; message: string | null },
): Promise<void> {
	const at = now()
	await db.$transaction(async (tx) => {
		const request = await tx.networkRequest.findFirst({ where: { id: input.requestId, toProviderId: providerId } })
		if (!request) throw new AppError('not_found')
		if (request.status !== 'pending') throw new AppError('network_request_answered')
		const [from, to] = await Promise.all([
			activeProfile(tx, request.fromProviderId, at),
			activeProfile(tx, providerId, at),
		])
		if (!to) throw new AppError('network_not_opted_in')
		if (!from) throw new AppError('not_found')
		await tx.networkRequest.update({
			where: { id: request.id },
			data: { status: input.accept ? 'accepted' : 'declined', answeredAt: at, answerMessage: input.message },
		})
		const markName =
			(await tx.markYear.findUnique({ where: { year: runningYearAt(at) }, select: { markName: true } }))?.markName ?? ''
		const mail = (recipient: typeof from, other: typeof from, otherName: string, withContact: boolean) =>
			enqueueEmail(tx, {
				template: 'network_answer',
				to: { address: recipient.contact.email, name: recipient.contact.name },
				providerId: recipient.providerId,
				dedupeKey: `network_answer:${request.id}:${recipient.providerId}`,
				data: {
					providerName: recipient.provider.name,
					markName,
					portalUrl: absoluteUrl(networkPath(recipient.providerId)),
					otherName,
					theme: request.theme,
					accepted: input.accept,
					answerMessage: input.message,
					contact: withContact ? { name: other.contact.name, email: other.contact.email } : null,
				},
			})
		await mail(from, to, to.provider.name, input.accept)
		if (input.accept) await mail(to, from, from.provider.name, true)
		await recordAudit(tx, {
			actor: { type: 'provider', userId: user.id },
			action: input.accept ? 'network.accept' : 'network.decline',
			entityType: 'NetworkRequest',
			entityId: request.id,
			providerId,
			at,
		})
	})
}

// --- staff: the theme matrix ---

export async function staffThemeMatrix(year: number, { onlyOptedIn }: { onlyOptedIn: boolean }) {
	const at = now()
	const list = await effectiveThemes(year)
	const carriers = await db.participation.findMany({
		where: { year, listedFrom: { not: null } },
		select: {
			providerId: true,
			provider: { select: { province: true, postcode: true, networkProfile: { select: { revokedAt: true } } } },
		},
	})
	const chosen = onlyOptedIn
		? carriers.filter((row) => row.provider.networkProfile && !row.provider.networkProfile.revokedAt)
		: carriers
	const themes = await carrierThemes(
		chosen.map((row) => row.providerId),
		year,
	)
	const members = chosen.map((row) => ({
		province: registerProvince(row.provider.province, row.provider.postcode),
		learn: themes.get(row.providerId)?.learn ?? [],
		teach: themes.get(row.providerId)?.teach ?? [],
	}))
	const optedIn = await db.networkProfile.count({
		where: { revokedAt: null, provider: { participations: { some: inRegisterAt(at) } } },
	})
	const withThemes = members.filter((member) => member.learn.length + member.teach.length > 0).length
	return { year, list, matrix: themeMatrix(list, members), carriers: chosen.length, withThemes, optedIn }
}

/** For the staff: how many carriers opted in, and the pairs that found each other. */
export async function networkActivity() {
	const [pending, accepted] = await Promise.all([
		db.networkRequest.count({ where: { status: 'pending' } }),
		db.networkRequest.count({ where: { status: 'accepted' } }),
	])
	return { pending, accepted }
}
