// Small parts shared by the public register's pages.
import { RouteErrorBoundary } from '#app/components/error-page.tsx'
import type { CalendarDate } from '#app/domain/amsterdam-time.ts'
import type { PublicRegisterStatus } from '#app/domain/register-search.ts'
import { formatCalendarDay, formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'

const BADGE: Record<PublicRegisterStatus, string> = {
	qualified: 'badge badge--success',
	listed: 'badge badge--info',
	withdrawn: 'badge badge--danger',
}

/** The public status of a carrier; a withdrawal always with its date (never silently gone). */
export function RegisterStatusBadge({
	status,
	withdrawnAt,
}: {
	status: PublicRegisterStatus
	withdrawnAt: Date | null
}) {
	const t = useT()
	const locale = useLocale()
	return (
		<span className={BADGE[status]}>
			{status === 'withdrawn' && withdrawnAt
				? t('register.statusWithdrawnOn', { date: formatDate(withdrawnAt, locale) })
				: t(`register.status_${status}`)}
		</span>
	)
}

/**
 * What "Keurmerkdrager" and "Gekwalificeerd" mean (issue 13: never explained before). Folded, so it
 * costs one line above the results; the carrier page shows it open. The deadline is the shown
 * year's setting (KiBG moved it before), never a fixed "1 April"; without a year, neutral words.
 */
export function StatusLegend({
	open = false,
	qualificationDeadline,
}: {
	open?: boolean
	qualificationDeadline: CalendarDate | null
}) {
	const t = useT()
	const locale = useLocale()
	return (
		<details className="disclosure disclosure--quiet" open={open || undefined}>
			<summary>{t('register.legendTitle')}</summary>
			<dl className="legend disclosure__body">
				<div>
					<dt>
						<RegisterStatusBadge status="listed" withdrawnAt={null} />
					</dt>
					<dd>
						{qualificationDeadline
							? t('register.legendListed', { date: formatCalendarDay(qualificationDeadline, locale) })
							: t('register.legendListedNoDate')}
					</dd>
				</div>
				<div>
					<dt>
						<RegisterStatusBadge status="qualified" withdrawnAt={null} />
					</dt>
					<dd>{t('register.legendQualified')}</dd>
				</div>
				<div>
					<dt>
						<RegisterStatusBadge status="withdrawn" withdrawnAt={null} />
					</dt>
					<dd>{t('register.legendWithdrawn')}</dd>
				</div>
			</dl>
		</details>
	)
}

/** Only http(s) addresses become links: a provider's website is text it typed itself. */
export function safeWebsite(website: string | null): string | null {
	if (!website) return null
	try {
		const url = new URL(website)
		return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : null
	} catch {
		return null
	}
}

export const PublicErrorBoundary = RouteErrorBoundary
