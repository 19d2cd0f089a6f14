// Who assesses a submission, and the one control the reader may use on it: an administrator
// assigns (a select of active staff), an assessor claims an unassigned submission.
import { Form } from 'react-router'
import { SelectField, SubmitButton } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import { useStaffRole } from './ui.tsx'

export function AssessorControl({
	participationId,
	assessor,
	staff,
	claimable,
	label,
}: {
	participationId: string
	assessor: { id: string; name: string } | null
	staff: { id: string; name: string }[]
	/** Waiting for assessment: an unassigned one can be claimed. */
	claimable: boolean
	/** Names the controls when several are on one page (the provider's name). */
	label?: string
}) {
	const t = useT()
	const role = useStaffRole()
	if (role === 'admin')
		return (
			<Form method="post" className="form form--inline">
				<input type="hidden" name="participationId" value={participationId} />
				<SelectField
					id={`assessor-${participationId}`}
					name="assessorId"
					label={label ? t('workbench.assessorFor', { name: label }) : t('staff.columnAssessor')}
					defaultValue={assessor?.id ?? ''}
					options={[
						{ value: '', label: t('staff.noAssessor') },
						...staff.map((member) => ({ value: member.id, label: member.name })),
					]}
				/>
				<SubmitButton className="button button--small" name="intent" value="assign">
					{t('staff.assign')}
				</SubmitButton>
			</Form>
		)
	if (!assessor && claimable)
		return (
			<Form method="post" className="form form--inline">
				<input type="hidden" name="participationId" value={participationId} />
				<SubmitButton className="button button--small" name="intent" value="claim">
					{t('workbench.claim')}
					{label ? <span className="visually-hidden"> {label}</span> : null}
				</SubmitButton>
			</Form>
		)
	return <span>{assessor?.name ?? t('staff.noAssessor')}</span>
}
