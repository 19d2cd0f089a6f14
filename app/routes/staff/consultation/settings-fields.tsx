// The fields of a consultation's settings, for opening one and for changing it.
import { CheckboxField, InputField, TextareaField } from '#app/components/forms.tsx'
import { useT } from '#app/i18n/react.tsx'
import type { FieldErrors, FormValues } from '#app/lib/forms.ts'
import type { ConsultationSettings } from '#app/services/consultation.server.ts'
import { meetingsText } from './settings-form.ts'

export function SettingsFields({
	stored,
	values,
	errors,
}: {
	stored: ConsultationSettings | null
	values?: FormValues
	errors?: FieldErrors
}) {
	const t = useT()
	const text = (name: string, fallback: string) => {
		const typed = values?.[name]
		return typeof typed === 'string' ? typed : fallback
	}
	const checked = (name: keyof ConsultationSettings, fallback: boolean) =>
		values ? values[name] === 'on' : ((stored?.[name] as boolean | undefined) ?? fallback)
	return (
		<>
			<div className="staff-grid">
				<InputField
					name="opensOn"
					type="date"
					label={t('consultation.opensOn')}
					defaultValue={text('opensOn', stored?.opensOn ?? '')}
					errors={errors?.opensOn}
					required
				/>
				<InputField
					name="closesOn"
					type="date"
					label={t('consultation.closesOn')}
					hint={t('consultation.closesOnHint')}
					defaultValue={text('closesOn', stored?.closesOn ?? '')}
					errors={errors?.closesOn}
					required
				/>
			</div>
			<TextareaField
				name="introduction"
				label={t('consultation.introduction')}
				hint={t('consultation.introductionHint')}
				defaultValue={text('introduction', stored?.introduction ?? '')}
				rows={4}
				errors={errors?.introduction}
				required
			/>
			<fieldset className="stack">
				<legend className="field__label">{t('consultation.audience')}</legend>
				{errors?.openToCarriers ? <p className="field__error">{t('consultation.errorAudience')}</p> : null}
				<CheckboxField
					name="openToCarriers"
					label={t('consultation.openToCarriers')}
					defaultChecked={checked('openToCarriers', true)}
				/>
				<CheckboxField
					name="openToOrganisations"
					label={t('consultation.openToOrganisations')}
					defaultChecked={checked('openToOrganisations', true)}
				/>
				<CheckboxField
					name="openToPublic"
					label={t('consultation.openToPublic')}
					hint={t('consultation.openToPublicHint')}
					defaultChecked={checked('openToPublic', false)}
				/>
			</fieldset>
			<h3>{t('consultation.processFields')}</h3>
			<InputField
				name="organisationsInvited"
				inputMode="numeric"
				label={t('consultation.organisationsInvited')}
				hint={t('consultation.organisationsInvitedHint')}
				defaultValue={text('organisationsInvited', stored?.organisationsInvited?.toString() ?? '')}
				errors={errors?.organisationsInvited}
			/>
			<TextareaField
				name="processText"
				label={t('consultation.processText')}
				hint={t('consultation.processTextHint')}
				defaultValue={text('processText', stored?.processText ?? '')}
				rows={4}
				errors={errors?.processText}
			/>
			<TextareaField
				name="meetings"
				label={t('consultation.meetings')}
				hint={t('consultation.meetingsHint')}
				defaultValue={text('meetings', meetingsText(stored?.meetings ?? []))}
				rows={3}
				errors={errors?.meetings}
			/>
			<TextareaField
				name="summary"
				label={t('consultation.summary')}
				hint={t('consultation.summaryHint')}
				defaultValue={text('summary', stored?.summary ?? '')}
				rows={6}
				errors={errors?.summary}
			/>
		</>
	)
}
