// A readable before/after of an audit event: only the fields that changed, one per line.
import { useT } from '#app/i18n/react.tsx'

type Json = unknown

function flatten(value: Json, prefix = '', out: Record<string, string> = {}): Record<string, string> {
	if (value && typeof value === 'object' && !Array.isArray(value)) {
		for (const [key, inner] of Object.entries(value as Record<string, Json>))
			flatten(inner, prefix ? `${prefix}.${key}` : key, out)
	} else if (prefix)
		out[prefix] =
			value === null || value === undefined ? '–' : typeof value === 'string' ? value : JSON.stringify(value)
	return out
}

export function auditChanges(before: Json, after: Json): { field: string; before: string; after: string }[] {
	const a = flatten(before)
	const b = flatten(after)
	return [...new Set([...Object.keys(a), ...Object.keys(b)])]
		.filter((field) => a[field] !== b[field])
		.map((field) => ({ field, before: a[field] ?? '–', after: b[field] ?? '–' }))
}

export function AuditDiff({ before, after }: { before: Json; after: Json }) {
	const t = useT()
	const changes = auditChanges(before, after)
	if (changes.length === 0) return null
	return (
		<ul className="json-diff" aria-label={t('staff.auditChanges')}>
			{changes.slice(0, 12).map((change) => (
				<li key={change.field}>
					{change.field}: <span className="diff-removed">{change.before}</span> →{' '}
					<span className="diff-added">{change.after}</span>
				</li>
			))}
			{changes.length > 12 ? <li>…</li> : null}
		</ul>
	)
}
