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

export function AuditDiff({ before, after }: { before: Json; after: Json }) {
	const t = useT()
	const locale = useLocale()
	const changes = auditChanges(before, after)
	if (changes.length === 0) return null
	return (
		<ul className="json-diff" aria-label={t('staff.auditChanges')}>
			{changes.slice(0, 12).map((change) => (
				<li key={change.field}>
					{auditFieldLabel(change.field, locale)}:{' '}
					<span className="diff-removed">{auditValueText(change.field, change.before, locale)}</span> →{' '}
					<span className="diff-added">{auditValueText(change.field, change.after, locale)}</span>
				</li>
			))}
			{changes.length > 12 ? <li>…</li> : null}
		</ul>
	)
}
