import type { ParticipationState } from '#app/domain/types.ts'
import { useT } from '#app/i18n/react.tsx'

const tone: Record<ParticipationState, string> = {
	applied: 'neutral',
	agreement_offered: 'neutral',
	agreement_signed: 'info',
	listed: 'info',
	submitted: 'info',
	revision_requested: 'warning',
	qualified: 'success',
	sampled: 'success',
	confirmed: 'success',
	withdrawn: 'danger',
	agreement_declined: 'danger',
}

export function StateBadge({ state }: { state: ParticipationState }) {
	const t = useT()
	return <span className={`badge badge--${tone[state]}`}>{t(`states.${state}`)}</span>
}
