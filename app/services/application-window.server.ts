// "Mail me when it opens" (issue 13): outside the application window /aanmelden takes an e-mail
// address and mails it once when the next window opens; then the address is forgotten. The answer
// to the form is the same for a new and an already subscribed address (no enumeration, issue 15),
// and the unsubscribe token rests only as its hash (the confirmation mail is stored sealed).
import { href } from 'react-router'
import { isApplicationWindowOpen } from '#app/domain/calendar.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { formatCalendarDay } from '#app/i18n/format.ts'
import { now } from '#app/lib/clock.server.ts'
import { hashToken, randomToken } from '#app/lib/crypto.server.ts'
import { db } from '#app/lib/db.server.ts'
import { absoluteUrl } from './auth.server.ts'
import { applicationWindow } from './application.server.ts'
import { enqueueEmail } from './mail/outbox.server.ts'
import { markNameAt, toYearSettings } from './years.server.ts'

/**
 * Stores a subscription for the next window and queues the confirmation with the unsubscribe link.
 * An address that is already subscribed gets nothing new (and the caller answers the same).
 * Returns whether a subscription was created (for the throttle), never shown to the visitor.
 */
export async function subscribeToApplicationWindow(email: string, at: Date = now()): Promise<boolean> {
	const address = email.trim().toLowerCase()
	const { open, next } = await applicationWindow(at)
	// Inside the window there is nothing to wait for; the form is on the page.
	if (open) return false
	const markName = next?.markName ?? (await markNameAt(at))
	const token = randomToken()
	return db.$transaction(async (tx) => {
		const created = await tx.applicationWindowSubscription.createManyAndReturn({
			data: [{ email: address, year: next?.year ?? null, tokenHash: hashToken(token), createdAt: at }],
			skipDuplicates: true,
			select: { id: true },
		})
		const row = created[0]
		if (!row) return false
		await enqueueEmail(tx, {
			template: 'application_window_subscribed',
			to: { address },
			dedupeKey: `application_window_subscribed:${row.id}`,
			data: {
				markName,
				year: next?.year ?? null,
				opensOn: next ? formatCalendarDay(next.applicationOpensOn, 'nl') : null,
				unsubscribeUrl: absoluteUrl(href('/aanmelden/afmelden/:token', { token })),
			},
		})
		return true
	})
}

/** Forgets the address behind this token; an unknown or used token changes nothing. */
export async function unsubscribeFromApplicationWindow(token: string): Promise<void> {
	if (!token || token.length > 200) return
	await db.applicationWindowSubscription.deleteMany({ where: { tokenHash: hashToken(token) } })
}

/** The window open at `at` and the subscriptions it answers: for that year, for "the next window",
 * or for an earlier year whose window was missed. */
export async function subscriptionsDue(at: Date): Promise<{ open: YearSettings | null; ids: string[] }> {
	const years = (await db.markYear.findMany({ orderBy: { year: 'asc' } })).map(toYearSettings)
	const open = years.find((settings) => isApplicationWindowOpen(settings, at)) ?? null
	if (!open) return { open, ids: [] }
	const due = await db.applicationWindowSubscription.findMany({
		where: { OR: [{ year: null }, { year: { lte: open.year } }] },
		select: { id: true },
		orderBy: { createdAt: 'asc' },
	})
	return { open, ids: due.map((row) => row.id) }
}

/**
 * One message to one subscriber, and the address forgotten in the same transaction. Idempotent:
 * a deleted row is not mailed again (the delete locks the row, so a second instance finds it
 * gone), and the dedupe key holds besides.
 */
export async function mailSubscriber(id: string, open: YearSettings): Promise<'announced' | null> {
	return db.$transaction(async (tx) => {
		const row = await tx.applicationWindowSubscription.findUnique({ where: { id } })
		if (!row) return null
		const gone = await tx.applicationWindowSubscription.deleteMany({ where: { id } })
		if (gone.count === 0) return null
		await enqueueEmail(tx, {
			template: 'application_window_opened',
			to: { address: row.email },
			dedupeKey: `application_window_opened:${open.year}:${row.id}`,
			data: {
				markName: open.markName,
				year: open.year,
				opensOn: formatCalendarDay(open.applicationOpensOn, 'nl'),
				closesOn: formatCalendarDay(open.applicationClosesOn, 'nl'),
				applyUrl: absoluteUrl(href('/aanmelden')),
				normsUrl: absoluteUrl(href('/normen/:year', { year: String(open.year) })),
			},
		})
		return 'announced'
	})
}
