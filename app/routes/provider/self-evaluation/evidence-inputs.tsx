// The inputs of one evidence item, by kind (DOMAIN.md §5). Uncontrolled: what the user types stays
// in the page; the autosave fieldset around them reads and saves it.
import { CheckboxField, InputField, TextareaField } from '#app/components/forms.tsx'
import type { EvidenceItem } from '#app/domain/norm-set.ts'
import type { EvidenceAnswer, EvidenceIssue } from '#app/domain/self-evaluation.ts'
import { useT } from '#app/i18n/react.tsx'
import type { FieldErrors, FormValues } from '#app/lib/forms.ts'
import { fieldName } from './answer-fields.ts'
import { checkboxId, type IssueTarget, isMarked, missingNoteId } from './missing-marks.ts'

/** What the completeness check still misses in this item: a sentence and the issues behind it. */
export interface MissingView {
	text: string
	issues: EvidenceIssue[]
}

export function EvidenceInputs({
	item,
	answer,
	formId,
	values,
	errors,
	missing,
}: {
	item: EvidenceItem
	answer: EvidenceAnswer | undefined
	formId: string
	/** What the user posted, when the post failed: shown instead of the stored answer. */
	values?: FormValues
	errors?: FieldErrors
	/** Issue 13: the norm page marks what is missing, per control (aria-invalid, aria-describedby). */
	missing?: MissingView
}) {
	const t = useT()
	const noteId = missingNoteId(item.key)
	const mark = (field: IssueTarget['field'], option?: string) =>
		missing && isMarked(missing.issues, field, option)
			? ({ 'aria-invalid': true, 'aria-describedby': noteId } as const)
			: {}
	const note = missing ? (
		<p id={noteId} className="evidence__missing">
			<strong>{t('selfEvaluation.missingNote')}</strong> {missing.text}
		</p>
	) : null
	const posted = values && fieldName(item.key, 'version') in values
	const postedValue = (name: string) => {
		const value = values?.[name]
		return Array.isArray(value) ? value[0] : value
	}
	const checkedList = posted ? [values?.[fieldName(item.key, 'checked')] ?? []].flat() : (answer?.checkedElements ?? [])
	const textValue = posted ? (postedValue(fieldName(item.key, 'text')) ?? '') : (answer?.text ?? '')
	const help = item.help ? <>{item.help} </> : null

	const checkboxes = (legend: string, options: readonly string[]) => (
		<fieldset className="checklist">
			<legend>{legend}</legend>
			{options.map((option, index) => (
				<CheckboxField
					key={option}
					id={checkboxId(item.key, index)}
					{...mark('checked', option)}
					name={fieldName(item.key, 'checked')}
					value={option}
					form={formId}
					label={option}
					defaultChecked={checkedList.includes(option)}
				/>
			))}
		</fieldset>
	)

	switch (item.kind) {
		case 'explanation':
		case 'example':
			return (
				<>
					{note}
					<TextareaField
						{...mark('text')}
						name={fieldName(item.key, 'text')}
						form={formId}
						label={item.label}
						hint={
							<>
								{help}
								{item.minLength > 0 ? t('selfEvaluation.minLengthHint', { count: item.minLength }) : null}
							</>
						}
						rows={6}
						defaultValue={textValue}
						errors={errors?.[fieldName(item.key, 'text')]}
					/>
					{item.kind === 'explanation' && item.choices ? checkboxes(item.choices.label, item.choices.options) : null}
				</>
			)
		case 'template_upload':
			return (
				<>
					{note}
					{item.help ? <p className="field__hint">{item.help}</p> : null}
					{checkboxes(t('selfEvaluation.elementsLegend'), item.requiredElements)}
				</>
			)
		case 'number':
			return (
				<>
					{note}
					<InputField
						{...mark('number')}
						name={fieldName(item.key, 'number')}
						form={formId}
						label={item.label}
						hint={
							<>
								{help}
								{t('selfEvaluation.numberHint')}
							</>
						}
						inputMode="decimal"
						defaultValue={
							posted
								? (postedValue(fieldName(item.key, 'number')) ?? '')
								: answer?.number === undefined || answer.number === null
									? ''
									: String(answer.number).replace('.', ',')
						}
						errors={errors?.[fieldName(item.key, 'number')]}
					/>
				</>
			)
		case 'url':
			return (
				<>
					{note}
					<InputField
						{...mark('url')}
						name={fieldName(item.key, 'url')}
						form={formId}
						label={item.label}
						hint={
							<>
								{help}
								{t('selfEvaluation.urlHint')}
							</>
						}
						type="text"
						inputMode="url"
						autoComplete="url"
						defaultValue={posted ? (postedValue(fieldName(item.key, 'url')) ?? '') : (answer?.url ?? '')}
						errors={errors?.[fieldName(item.key, 'url')]}
					/>
					{checkboxes(t('selfEvaluation.checklistLegend'), item.checklist)}
				</>
			)
		case 'declaration':
			return (
				<>
					{note}
					<CheckboxField
						{...mark('declared')}
						name={fieldName(item.key, 'declared')}
						form={formId}
						label={t('selfEvaluation.declarationLabel', { statement: item.statement })}
						hint={item.help}
						defaultChecked={posted ? postedValue(fieldName(item.key, 'declared')) === 'on' : answer?.declared === true}
					/>
				</>
			)
	}
}
