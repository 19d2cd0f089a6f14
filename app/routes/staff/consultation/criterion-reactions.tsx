// Beside a criterion in the norm-set editor: what the consultation said about it (sent reactions
// only) and the decision recorded, with a link to weigh them (issue 18).
import { href, Link } from 'react-router'
import { useT } from '#app/i18n/react.tsx'
import '#app/routes/consultation/consultation.css'
import type { ReactionsBeside } from '#app/services/consultation.server.ts'

export function CriterionReactions({ beside, target }: { beside: ReactionsBeside | null | undefined; target: string }) {
	const t = useT()
	if (!beside) return null
	const entry = beside.targets[target]
	const link = `${href('/medewerkers/consultaties/:year/reacties', { year: String(beside.year) })}?punt=${encodeURIComponent(target)}`
	return (
		<aside className="criterion-reactions stack" aria-label={t('consultation.besideTitle')}>
			<p>
				<strong>{t('consultation.besideTitle')}:</strong> {t('consultation.normCounts', { count: entry?.count ?? 0 })}
				{entry?.decision
					? ` · ${t('consultation.decision')}: ${t(`consultation.decision_${entry.decision}`)}`
					: ''}{' '}
				<Link to={link}>{t('consultation.besideLink')}</Link>
			</p>
			{entry?.reactions.length ? (
				<ul>
					{entry.reactions.slice(0, 5).map((reaction, index) => (
						<li key={index}>
							<em>{reaction.organisationName}:</em>{' '}
							{reaction.text.length > 300 ? `${reaction.text.slice(0, 300)}…` : reaction.text}
						</li>
					))}
				</ul>
			) : null}
		</aside>
	)
}
