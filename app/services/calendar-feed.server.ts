// Each provider's deadlines as an iCalendar feed (`/agenda/<token>.ics`), to subscribe to in
// Outlook, Google or Apple Calendar. The URL carries a secret per provider: calendar apps cannot
// log in, so whoever has the URL sees the dates (never amounts or content). It is made on first
// use and can be replaced if it leaked.
import { href } from 'react-router'
import { addDays, amsterdamDateOf, endOfDay } from '#app/domain/amsterdam-time.ts'
import { NOT_SUBMITTED_STATES, QUALIFIED_STATES, isFinalState } from '#app/domain/participation-states.ts'
import { formatCalendarDay, formatEuro } from '#app/i18n/format.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { translate, type Params } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { randomToken } from '#app/lib/crypto.server.ts'
import { db } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { type CalendarEvent, renderCalendar } from '#app/lib/icalendar.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { runningYearAt, toYearSettings } from './years.server.ts'

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/

function feedUrl(token: string): string {
	return absoluteUrl(href('/agenda/:token.ics', { token }))
}

/** The provider's feed URL, creating its secret on first use (for the provider's dashboard). */
export async function calendarFeedUrl(providerId: string): Promise<string> {
	const provider = await db.provider.findUniqueOrThrow({ where: { id: providerId }, select: { calendarToken: true } })
	if (provider.calendarToken) return feedUrl(provider.calendarToken)
	const token = randomToken()
	// Two first requests at once: only one token is written, both get that one.
	await db.provider.updateMany({ where: { id: providerId, calendarToken: null }, data: { calendarToken: token } })
	const stored = await db.provider.findUniqueOrThrow({ where: { id: providerId }, select: { calendarToken: true } })
	return feedUrl(stored.calendarToken as string)
}

/** A new secret: the old URL stops working at once (audited). */
export async function resetCalendarToken(providerId: string, actor: Actor): Promise<string> {
	const token = randomToken()
	await db.$transaction(async (tx) => {
		await tx.provider.update({ where: { id: providerId }, data: { calendarToken: token } })
		await recordAudit(tx, {
			actor,
			action: 'provider.calendar_token_reset',
			entityType: 'Provider',
			entityId: providerId,
			providerId,
		})
	})
	return feedUrl(token)
}

export async function providerIdForCalendarToken(token: string): Promise<string | null> {
	if (!TOKEN_PATTERN.test(token)) return null
	const provider = await db.provider.findUnique({ where: { calendarToken: token }, select: { id: true } })
	return provider?.id ?? null
}

/** The deadlines that matter to the provider now: this year's, next year's, and last year's fees. */
export async function providerCalendarEvents(
	providerId: string,
	at: Date = now(),
): Promise<{ name: string; events: CalendarEvent[] }> {
	const running = runningYearAt(at)
	const provider = await db.provider.findUniqueOrThrow({
		where: { id: providerId },
		select: {
			name: true,
			participations: {
				where: { year: { gte: running - 1 } },
				include: {
					markYear: true,
					turnoverReports: { where: { supersededAt: null }, select: { id: true } },
					invoices: { where: { status: 'open' }, select: { id: true, number: true, dueAt: true, amountCents: true } },
				},
				orderBy: { year: 'asc' },
			},
		},
	})
	const uidDomain = new URL(getEnv().APP_URL).hostname || 'keurmerkportaal'
	const uid = (kind: string, id: string | number) => `${kind}-${id}@${uidDomain}`
	const portal = absoluteUrl(href('/aanbieder/:providerId', { providerId }))
	const events: CalendarEvent[] = []

	for (const participation of provider.participations) {
		const settings = toYearSettings(participation.markYear)
		const year = participation.year
		if (!isFinalState(participation.state)) {
			if (participation.state === 'agreement_offered') {
				// 003 §3.2: only a signature before 1 January lists an ordinary carrier on 1 January.
				const lastDayBeforeListing = addDays(settings.listingOn, -1)
				const forListing = !participation.isReapplicant && at.getTime() <= endOfDay(lastDayBeforeListing).getTime()
				events.push({
					uid: uid('agreement', participation.id),
					start: forListing ? lastDayBeforeListing : settings.qualificationDeadline,
					summary: feed('feedAgreementSummary', { markName: settings.markName, year }),
					description: forListing
						? feed('feedAgreementForListing', { listingOn: formatCalendarDay(settings.listingOn, 'nl') })
						: feed('feedAgreementLastDay'),
					url: `${portal}/overeenkomst/${year}`,
					alarmDaysBefore: [7],
					categories: [feed('feedCategory')],
				})
			}
			if (
				!participation.isReapplicant &&
				['applied', 'agreement_offered', 'agreement_signed'].includes(participation.state)
			) {
				events.push({
					uid: uid('listing', participation.id),
					start: settings.listingOn,
					summary: feed('feedListingSummary', { year }),
					description: feed('feedListing'),
					url: portal,
					categories: [feed('feedCategory')],
				})
			}
			if (NOT_SUBMITTED_STATES.includes(participation.state) && settings.firstSubmissionDeadline) {
				// DOMAIN.md §3: the year asks for a first submission early, to leave time to revise.
				events.push({
					uid: uid('first-submission', participation.id),
					start: settings.firstSubmissionDeadline,
					summary: feed('feedFirstSubmissionSummary', { markName: settings.markName, year }),
					description: feed('feedFirstSubmission', {
						year,
						deadline: formatCalendarDay(settings.qualificationDeadline, 'nl'),
					}),
					url: `${portal}/zelfevaluatie/${year}`,
					alarmDaysBefore: [14, 1],
					categories: [feed('feedCategory')],
				})
			}
			if (NOT_SUBMITTED_STATES.includes(participation.state)) {
				events.push({
					uid: uid('qualification-deadline', participation.id),
					start: settings.qualificationDeadline,
					summary: feed('feedDeadlineSummary', { markName: settings.markName, year }),
					description: feed('feedDeadline', {
						year,
						withdrawalOn: formatCalendarDay(addDays(settings.qualificationDeadline, 1), 'nl'),
					}),
					url: `${portal}/zelfevaluatie/${year}`,
					alarmDaysBefore: [14, 1],
					categories: [feed('feedCategory')],
				})
			}
			if (participation.state === 'revision_requested' && participation.revisionDueAt) {
				events.push({
					uid: uid('revision', participation.id),
					start: amsterdamDateOf(participation.revisionDueAt),
					summary: feed('feedRevisionSummary', { year }),
					description: feed('feedRevision'),
					url: `${portal}/zelfevaluatie/${year}`,
					alarmDaysBefore: [7, 1],
					categories: [feed('feedCategory')],
				})
			}
			if (QUALIFIED_STATES.includes(participation.state) && participation.turnoverReports.length === 0) {
				events.push({
					uid: uid('turnover', participation.id),
					start: settings.turnoverReportDueOn,
					summary: feed('feedTurnoverSummary', { year, turnoverLabel: settings.turnoverLabel }),
					description: feed('feedTurnover', { year, turnoverLabel: settings.turnoverLabel }),
					url: `${portal}/omzet`,
					alarmDaysBefore: [14],
					categories: [feed('feedCategory')],
				})
			}
		}
		for (const invoice of participation.invoices) {
			events.push({
				uid: uid('invoice', invoice.id),
				start: amsterdamDateOf(invoice.dueAt),
				summary: feed('feedInvoiceSummary', { number: invoice.number }),
				description: feed('feedInvoice', {
					number: invoice.number,
					amount: formatEuro(invoice.amountCents, 'nl'),
					year,
				}),
				url: `${portal}/omzet`,
				alarmDaysBefore: [7],
				categories: [feed('feedCategory'), feed('feedCategoryInvoice')],
			})
		}
	}

	// An application window still to come, for a year the provider is not in (yet).
	const inYears = new Set(provider.participations.map((participation) => participation.year))
	const upcoming = await db.markYear.findMany({ where: { year: { gte: running } }, orderBy: { year: 'asc' } })
	for (const row of upcoming) {
		const settings = toYearSettings(row)
		if (inYears.has(settings.year) || at.getTime() > endOfDay(settings.applicationClosesOn).getTime()) continue
		events.push({
			uid: uid('application-window', settings.year),
			start: settings.applicationOpensOn,
			end: settings.applicationClosesOn,
			summary: feed('feedApplicationSummary', { markName: settings.markName, year: settings.year }),
			description: feed('feedApplication', {
				year: settings.year,
				opensOn: formatCalendarDay(settings.applicationOpensOn, 'nl'),
				closesOn: formatCalendarDay(settings.applicationClosesOn, 'nl'),
			}),
			url: absoluteUrl('/aanmelden'),
			categories: [feed('feedCategory')],
		})
	}
	events.sort((a, b) => a.start.localeCompare(b.start) || a.uid.localeCompare(b.uid))
	return { name: provider.name, events }
}

export async function providerCalendar(providerId: string, at: Date = now()): Promise<string> {
	const { name, events } = await providerCalendarEvents(providerId, at)
	return renderCalendar({
		productId: '-//Stichting KiBG//Keurmerkportaal//NL',
		name: `Keurmerk: ${name}`,
		description: feed('feedDescription', { name }),
		generatedAt: at,
		events,
		refreshHours: 12,
	})
}

/** The feed is a Dutch document: calendar apps show it as it is, whoever subscribed. */
function feed(key: string, params?: Params): string {
	return translate('nl', `calendar.${key}` as MessageKey, params)
}
