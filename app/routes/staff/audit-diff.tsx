// A readable before/after of an audit event: only the fields that changed, one per line, in the
// reader's words (issue 12 §7: field names, states, reasons and moments by their labels).
import { auditFieldLabel, auditValueText } from '#app/i18n/labels.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'

type Json = unknown

function flatten(value: Json, prefix = '', out: Record<string, Json> = {}): Record<string, Json> {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, inner] of Object.entries(value as Record<string, Json>))
			flatten(inner, prefix ? `${prefix}.${key}` : key, out)
	} else if (prefix) out[prefix] = value ?? null
	return out
}

export function auditChanges(before: Json, after: Json): { field: string; before: Json; after: Json }[] {
	const a = flatten(before)
	const b = flatten(after)
	return [...new Set([...Object.keys(a), ...Object.keys(b)])]
		.filter((field) => JSON.stringify(a[field] ?? null) !== JSON.stringify(b[field] ?? null))
		.map((field) => ({ field, before: a[field] ?? null, after: b[field] ?? null }))
}

/** What the audit log knows of a row's ids and keys (app/services/audit-log.server.ts). */
export interface AuditNames {
	names: Record<string, string>
	criteria: Record<string, { code: string; normCode: string; normTitle: string }>
	/** Indicator codes by their name in each language. */
	indicators: Record<string, { nl: string; en: string }>
}

/** A value in words; an id that names a person, provider or participation by that name, the id in its tooltip. */
function AuditValue({ field, value, names }: { field: string; value: Json; names: Record<string, string> }) {
	const t = useT()
	const locale = useLocale()
	const values = Array.isArray(value) ? value : [value]
	if (!values.some((item) => typeof item === 'string' && Object.hasOwn(names, item)))
		return <>{auditValueText(field, value, locale)}</>
	return (
		<>
			{values.map((item, index) => (
				<span key={index}>
					{index > 0 ? ', ' : null}
					{typeof item === 'string' && Object.hasOwn(names, item) ? (
						<span title={t('staff.auditRawId', { id: item })}>{names[item]}</span>
					) : (
						auditValueText(field, item, locale)
					)}
				</span>
			))}
		</>
	)
}

export function AuditDiff({ before, after, labels }: { before: Json; after: Json; labels?: AuditNames }) {
	const t = useT()
	const locale = useLocale()
	const changes = auditChanges(before, after)
	if (changes.length === 0) return null
	const names = labels?.names ?? {}
	// An indicator by its name in the reader's language: below `values` (a delivery's numbers) as
	// the field, in `indicators` (a set's list) as the value; its code stays in the tooltip.
	const indicators = Object.fromEntries(
		Object.entries(labels?.indicators ?? {}).map(([code, label]) => [code, label[locale]]),
	)
	const criteria = Object.fromEntries(
		Object.entries(labels?.criteria ?? {}).map(([key, criterion]) => [key, t('staff.auditCriterion', criterion)]),
	)
	const data = { ...criteria, ...indicators }
	const namesFor = (field: string) => (field.split('.').pop() === 'indicators' ? { ...names, ...indicators } : names)
	return (
		<ul className="json-diff" aria-label={t('staff.auditChanges')}>
			{changes.slice(0, 12).map((change) => (
				<li key={change.field}>
					{auditFieldLabel(change.field, locale, data)}:{' '}
					<span className="diff-removed">
						<AuditValue field={change.field} value={change.before} names={namesFor(change.field)} />
					</span>{' '}
					→{' '}
					<span className="diff-added">
						<AuditValue field={change.field} value={change.after} names={namesFor(change.field)} />
					</span>
				</li>
			))}
			{changes.length > 12 ? <li>…</li> : null}
		</ul>
	)
}
