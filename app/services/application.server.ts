// The public application form (003 §3.1): a provider applies for the mark year whose application
// window is open. One transaction creates the provider, its first member (invited by e-mail to set
// a password), the participation (through the participation service) and offers the agreement
// at once ("on application the provider receives an agreement to sign").
import { randomBytes } from 'node:crypto'
import { href } from 'react-router'
import type { ApplicationNotTakenReason } from '#emails/templates/application.ts'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { amsterdamDateOf, startOfDay } from '#app/domain/amsterdam-time.ts'
import { AppError, refusalError } from '#app/domain/errors.ts'
import { isApplicationWindowOpen } from '#app/domain/calendar.ts'
import { isReapplicantFor } from '#app/domain/participation.ts'
import type { ProviderType } from '#app/domain/types.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import type { SessionUser } from '#app/lib/session.server.ts'
import type { ApplicationInput } from '#app/services/provider-forms.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl, inviteUser } from './auth.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { createParticipation } from './participation.server.ts'
import { toYearSettings } from './years.server.ts'

export interface ApplicationWindow {
	/** The year whose window is open now, if any. */
	open: YearSettings | null
	/** Otherwise the next year whose window is still to come (shown with its dates). */
	next: YearSettings | null
}

export async function applicationWindow(at: Date = now()): Promise<ApplicationWindow> {
	const rows = await db.markYear.findMany({ orderBy: { year: 'asc' } })
	const years = rows.map(toYearSettings)
	const open = years.find((settings) => isApplicationWindowOpen(settings, at)) ?? null
	const next = open
		? null
		: (years.find((settings) => startOfDay(settings.applicationOpensOn).getTime() > at.getTime()) ?? null)
	return { open, next }
}

/** What a provider needs to prepare before the next window opens (issue 13), all public facts. */
export interface ApplicationPreparation {
	year: number
	markName: string
	applicationOpensOn: string
	applicationClosesOn: string
	agreementsOfferedOn: string
	listingOn: string
	qualificationDeadline: string
	maxRevisions: number
	/** Whether the norms of that year are published (/normen/:year), else when they will be. */
	normsPublished: boolean
	normsPublishedOn: string
	/** The latest published norms before them, to read meanwhile. */
	latestPublishedNorms: number | null
	/** Null until staff publish the rate (before `feeRatePublishBy`). */
	fee: { rateBp: number; minimumFeeCents: number; turnoverLabel: string } | null
	feeRatePublishBy: string
}

export async function applicationPreparation(year: number, at: Date = now()): Promise<ApplicationPreparation | null> {
	const row = await db.markYear.findUnique({ where: { year }, include: { normSet: { select: { status: true } } } })
	if (!row) return null
	const settings = toYearSettings(row)
	const latest = await db.normSet.findFirst({
		where: { status: 'published', year: { lt: year } },
		orderBy: { year: 'desc' },
		select: { year: true },
	})
	const feePublished = row.feeRatePublishedAt !== null && row.feeRatePublishedAt <= at
	return {
		year,
		markName: settings.markName,
		applicationOpensOn: settings.applicationOpensOn,
		applicationClosesOn: settings.applicationClosesOn,
		agreementsOfferedOn: settings.agreementsOfferedOn,
		listingOn: settings.listingOn,
		qualificationDeadline: settings.qualificationDeadline,
		maxRevisions: settings.maxRevisions,
		normsPublished: row.normSet?.status === 'published',
		normsPublishedOn: settings.normsPublishedOn,
		latestPublishedNorms: latest?.year ?? null,
		fee: feePublished
			? { rateBp: settings.feeRateBp, minimumFeeCents: settings.minimumFeeCents, turnoverLabel: settings.turnoverLabel }
			: null,
		feeRatePublishBy: settings.feeRatePublishBy,
	}
}

/** What the portal knows of an organisation's earlier years: it answers "held the mark before?". */
export type KnownMarkHistory = 'never' | 'carrier' | 'withdrawn'

/** An organisation the signed-in member may apply for again, with what the form can take over. */
export interface KnownApplicant {
	providerId: string
	kvkNumber: string
	organisation: {
		name: string
		type: ProviderType
		agbCode: string
		street: string
		houseNumber: string
		postcode: string
		city: string
		website: string
		email: string
		phone: string
		offersChronicEchelon: 'yes' | 'no'
	}
	history: KnownMarkHistory
	/** The years it was in the register, the latest last. */
	carrierYears: number[]
	/** The year whose mark was withdrawn, when that ended its latest participation. */
	withdrawnYear: number | null
}

/**
 * The organisations of `userId` that have not applied for `year` yet (issue 13: an earlier
 * participant applies again with its details filled in, and the withdrawal explanation asked only
 * when its latest participation ended withdrawn, as isReapplicantFor decides).
 */
export async function knownApplicants(userId: string, year: number): Promise<KnownApplicant[]> {
	const providers = await db.provider.findMany({
		where: { memberships: { some: { userId } }, participations: { none: { year } } },
		orderBy: { name: 'asc' },
		include: {
			participations: { where: { year: { lt: year } }, select: { year: true, state: true, listedFrom: true } },
		},
	})
	return providers.map((provider) => {
		const reapplicant = isReapplicantFor(provider.participations, year)
		const carrierYears = provider.participations
			.filter((participation) => participation.listedFrom !== null)
			.map((participation) => participation.year)
			.sort((a, b) => a - b)
		const withdrawn = reapplicant
			? Math.max(...provider.participations.filter((p) => p.state === 'withdrawn').map((p) => p.year))
			: null
		return {
			providerId: provider.id,
			kvkNumber: provider.kvkNumber,
			organisation: {
				name: provider.name,
				type: provider.type,
				agbCode: provider.agbCode,
				street: provider.street,
				houseNumber: provider.houseNumber,
				postcode: provider.postcode,
				city: provider.city,
				website: provider.website ?? '',
				email: provider.email,
				phone: provider.phone ?? '',
				offersChronicEchelon: provider.offersChronicEchelon ? 'yes' : 'no',
			},
			history: reapplicant ? 'withdrawn' : carrierYears.length > 0 ? 'carrier' : 'never',
			carrierYears,
			withdrawnYear: withdrawn,
		}
	})
}

export interface ApplicationResult {
	year: number
	/** The provider the application was stored for; null when it was accepted but not taken. */
	providerId: string | null
	contactEmail: string
}

/**
 * Stores an application. `member` is the signed-in user, if any: a member of the provider with this
 * KvK number applies for a new year without creating a second organisation.
 *
 * No enumeration (issue 15, finding 6): whether the KvK number already applied or has an account,
 * or the contact address belongs to staff, the application is accepted alike and the caller
 * answers alike; nothing is stored then, and what to do next goes by mail to the contact address
 * only (`application_not_taken`, one a day per case). Only a closed window is refused.
 */
export async function submitApplication(
	input: ApplicationInput,
	member: SessionUser | null,
	ip: string,
): Promise<ApplicationResult> {
	const { open } = await applicationWindow()
	if (!open) throw new AppError('application_closed')
	const year = open.year
	const notTaken = async (
		reason: ApplicationNotTakenReason,
		client: Tx | typeof db,
		providerId: string | null = null,
	) => {
		await enqueueEmail(client, {
			template: 'application_not_taken',
			to: { address: input.contactEmail, name: input.contactName },
			dedupeKey: `application_not_taken:${reason}:${year}:${input.kvkNumber}:${input.contactEmail}:${amsterdamDateOf(now())}`,
			data: {
				reason,
				name: input.contactName,
				markName: open.markName,
				year,
				organisationName: input.name,
				kvkNumber: input.kvkNumber,
				loginUrl: absoluteUrl(href('/inloggen')),
				resetUrl: absoluteUrl(href('/wachtwoord-vergeten')),
			},
		})
		return { year, providerId, contactEmail: input.contactEmail }
	}
	try {
		return await db.$transaction(async (tx): Promise<ApplicationResult> => {
			const contactUser = await tx.user.findUnique({
				where: { email: input.contactEmail },
				select: { staffRole: true },
			})
			if (contactUser?.staffRole) return notTaken('staff_address', tx)
			const existing = await tx.provider.findUnique({
				where: { kvkNumber: input.kvkNumber },
				select: { id: true, name: true, participations: { select: { year: true, state: true } } },
			})
			const isMember = Boolean(
				existing && member?.memberships.some((membership) => membership.providerId === existing.id),
			)
			if (existing?.participations.some((participation) => participation.year === year)) {
				return notTaken('already_applied', tx, isMember ? existing.id : null)
			}
			if (existing && !isMember) return notTaken('provider_has_account', tx)
			const actor: Actor = member ? { type: 'provider', userId: member.id, ip } : { type: 'public', userId: null, ip }
			const organisation = {
				name: input.name,
				type: input.type,
				agbCode: input.agbCode,
				street: input.street,
				houseNumber: input.houseNumber,
				postcode: input.postcode,
				city: input.city,
				website: input.website,
				email: input.email,
				phone: input.phone,
				offersChronicEchelon: input.offersChronicEchelon,
			}
			const provider = existing
				? await tx.provider.update({ where: { id: existing.id }, data: { ...organisation, version: { increment: 1 } } })
				: await tx.provider.create({
						data: { ...organisation, kvkNumber: input.kvkNumber, slug: await uniqueSlug(tx, input.name, input.city) },
					})
			if (!existing) {
				await recordAudit(tx, {
					actor,
					action: 'provider.apply',
					entityType: 'Provider',
					entityId: provider.id,
					providerId: provider.id,
					after: organisation,
				})
			}

			const { userId } = await inviteUser(tx, {
				email: input.contactEmail,
				name: input.contactName,
				invitedBy: null,
				providerId: provider.id,
				actor,
			})
			// The first member signs the agreement: signing authority and the primary contact.
			await tx.membership.upsert({
				where: { userId_providerId: { userId, providerId: provider.id } },
				create: {
					userId,
					providerId: provider.id,
					canSign: true,
					isPrimaryContact: true,
					jobTitle: input.contactFunction,
				},
				update: { isPrimaryContact: true },
			})

			// DOMAIN.md §3: a provider whose mark was withdrawn earlier is listed only after qualifying.
			// What the portal knows counts, and so does what the applicant declares.
			const isReapplicant = isReapplicantFor(existing?.participations ?? [], year) || input.markHistory === 'withdrawn'
			const applicationData: Prisma.InputJsonValue = {
				...organisation,
				kvkNumber: input.kvkNumber,
				contact: { name: input.contactName, function: input.contactFunction, email: input.contactEmail },
				markHistory: input.markHistory,
				withdrawalExplanation: input.withdrawalExplanation,
				submittedByUserId: member?.id ?? null,
			}
			const started = await createParticipation(tx, {
				providerId: provider.id,
				year,
				start: { origin: 'application', isReapplicant, offerAgreement: true },
				actor,
				applicationData,
			})
			if (!started.ok) throw refusalError(started.refusal)
			return { providerId: provider.id, year, contactEmail: input.contactEmail }
		})
	} catch (error) {
		// Two identical applications at the same moment: the unique KvK number / (provider, year)
		// decided; the second is answered like any application that was already there.
		if (isUniqueViolation(error)) return notTaken('already_applied', db)
		throw error
	}
}

async function uniqueSlug(tx: Tx, name: string, city: string): Promise<string> {
	const base =
		`${name} ${city}`
			.normalize('NFKD')
			.replace(/[\u0300-\u036f]/g, '')
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.replace(/^-|-$/g, '')
			.slice(0, 80) || 'aanbieder'
	const taken = await tx.provider.findUnique({ where: { slug: base }, select: { id: true } })
	return taken ? `${base}-${randomBytes(3).toString('hex')}` : base
}

function isUniqueViolation(error: unknown): boolean {
	return typeof error === 'object' && error !== null && 'code' in error && (error as { code: unknown }).code === 'P2002'
}
