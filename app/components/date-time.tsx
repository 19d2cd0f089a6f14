import { formatDate, formatDateTime } from '#app/i18n/format.ts'
import { useLocale } from '#app/i18n/react.tsx'

/** A moment as a `<time>` element in the user's language; a dash when there is none. */
export function DateTime({ value, dateOnly = false }: { value: Date | string | null | undefined; dateOnly?: boolean }) {
	const locale = useLocale()
	if (!value) return <span aria-label="—">–</span>
	const date = typeof value === 'string' ? new Date(value) : value
	return (
		<time dateTime={date.toISOString()} className="nowrap">
			{dateOnly ? formatDate(date, locale) : formatDateTime(date, locale)}
		</time>
	)
}
