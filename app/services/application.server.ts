// The public application form (003 §3.1): a provider applies for the mark year whose application
// window is open. One transaction creates the provider, its first member (invited by e-mail to set
// a password), the participation (through the participation service) and offers the agreement
// at once ("on application the provider receives an agreement to sign").
import { randomBytes } from 'node:crypto'
import type { Prisma } from '#app/generated/prisma/client.ts'
import { startOfDay } from '#app/domain/amsterdam-time.ts'
import { isApplicationWindowOpen } from '#app/domain/calendar.ts'
import { isReapplicantFor } from '#app/domain/participation.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { now } from '#app/lib/clock.server.ts'
import { db, type Tx } from '#app/lib/db.server.ts'
import type { SessionUser } from '#app/lib/session.server.ts'
import type { ApplicationInput } from '#app/services/provider-forms.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { inviteUser } from './auth.server.ts'
import { ParticipationRefused, createParticipation } from './participation.server.ts'
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

export type ApplicationResult =
	| { ok: true; providerId: string; year: number; contactEmail: string; invited: boolean }
	| { ok: false; field?: keyof ApplicationInput; message: string }

/**
 * Stores an application. `member` is the signed-in user, if any: a member of the provider with this
 * KvK number applies for a new year without creating a second organisation.
 */
export async function submitApplication(
	input: ApplicationInput,
	member: SessionUser | null,
	ip: string,
): Promise<ApplicationResult> {
	const { open } = await applicationWindow()
	if (!open) return { ok: false, message: 'De aanmeldperiode is gesloten.' }
	const year = open.year
	try {
		return await db.$transaction(async (tx): Promise<ApplicationResult> => {
			const existing = await tx.provider.findUnique({
				where: { kvkNumber: input.kvkNumber },
				select: { id: true, name: true, participations: { select: { year: true, state: true } } },
			})
			if (existing?.participations.some((participation) => participation.year === year)) {
				return {
					ok: false,
					field: 'kvkNumber',
					message: `Voor KvK-nummer ${input.kvkNumber} is al een aanvraag voor het keurmerkjaar ${year} ontvangen. U hoeft niets opnieuw te doen: log in om de stand van zaken te zien, of neem contact op met het bedrijfsbureau.`,
				}
			}
			const isMember = Boolean(
				existing && member?.memberships.some((membership) => membership.providerId === existing.id),
			)
			if (existing && !isMember) {
				return {
					ok: false,
					field: 'kvkNumber',
					message:
						'Deze organisatie heeft al een account in het Keurmerkportaal. Log in als lid van de organisatie om de aanvraag te doen, of neem contact op met het bedrijfsbureau.',
				}
			}
			const contactUser = await tx.user.findUnique({
				where: { email: input.contactEmail },
				select: { staffRole: true },
			})
			if (contactUser?.staffRole) {
				return { ok: false, field: 'contactEmail', message: 'provider.errorContactIsStaff' }
			}

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

			const { userId, created } = await inviteUser(tx, {
				email: input.contactEmail,
				name: input.contactName,
				invitedBy: null,
				providerId: provider.id,
				actor,
			})
			const hasPassword =
				!created &&
				(await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } })).passwordHash !==
					null
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
			if (!started.ok) throw new ParticipationRefused(started.refusal)
			return { ok: true, providerId: provider.id, year, contactEmail: input.contactEmail, invited: !hasPassword }
		})
	} catch (error) {
		if (error instanceof ParticipationRefused) return { ok: false, message: error.refusal.message }
		// Two identical applications at the same moment: the unique KvK number / (provider, year) decides.
		if (isUniqueViolation(error)) {
			return {
				ok: false,
				field: 'kvkNumber',
				message: `Voor KvK-nummer ${input.kvkNumber} is al een aanvraag ontvangen.`,
			}
		}
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
