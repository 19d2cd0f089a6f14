// The fields of one criterion and of one evidence item in the norm form, driven by Conform's field
// metadata: names (`criteria[0].evidence[1].label`), what was typed, errors, and the buttons that
// add and remove list items (they submit an intent, so they work without JavaScript too).
import type { FieldMetadata, FieldName, FormMetadata } from '@conform-to/react'
import { CheckboxField, InputField, SelectField, TextareaField } from '#app/components/forms.tsx'
import { FOLLOW_UP_DELIVERIES } from '#app/domain/norm-set.ts'
import { APPLICABILITIES, EVIDENCE_KINDS } from '#app/domain/types.ts'
import { useT } from '#app/i18n/react.tsx'
import {
	COMBINATIONS,
	type CriterionValue,
	type EvidenceValue,
	NUMBER_UNITS,
	type NormValue,
	newEvidenceValue,
	RULE_OPS,
	type RuleOpName,
} from './norm-form.ts'

type Form = FormMetadata<NormValue, string[]>

const initial = (field: { initialValue?: unknown }) =>
	typeof field.initialValue === 'string' ? field.initialValue : ''

export function CriterionFields({
	form,
	criterion,
	list,
	index,
	editable,
}: {
	form: Form
	criterion: FieldMetadata<CriterionValue, NormValue, string[]>
	/** The name of the criteria list, for the remove button. */
	list: FieldName<CriterionValue[], NormValue, string[]>
	index: number
	editable: boolean
}) {
	const t = useT()
	const fields = criterion.getFieldset()
	const code = initial(fields.code)
	const applicability = [
		{ value: '', label: t('staff.appliesAsNorm') },
		...APPLICABILITIES.map((value) => ({ value, label: t(`staff.applies_${value}`) })),
	]
	const evidenceErrors = fields.evidence.errors
	const items = fields.evidence.getFieldList()
	return (
		<fieldset className="panel stack criterion-fields">
			<legend>{t('staff.criterionN', { code: code || '…' })}</legend>
			<input type="hidden" name={fields.key.name} value={initial(fields.key)} />
			<input type="hidden" name={fields.frameSource.name} value={initial(fields.frameSource) || 'source'} />
			<div className="staff-grid">
				<InputField name={fields.code.name} label={t('staff.code')} defaultValue={code} errors={fields.code.errors} />
				{index > 0 ? (
					<SelectField
						name={fields.combine.name}
						label={t('staff.combine')}
						defaultValue={initial(fields.combine) || 'and'}
						options={COMBINATIONS.map((value) => ({ value, label: t(`staff.combine_${value}`) }))}
					/>
				) : (
					<input type="hidden" name={fields.combine.name} value="and" />
				)}
				<SelectField
					name={fields.appliesTo.name}
					label={t('staff.appliesTo')}
					defaultValue={initial(fields.appliesTo)}
					options={applicability}
					errors={fields.appliesTo.errors}
				/>
			</div>
			<TextareaField
				name={fields.text.name}
				label={t('staff.criterionText')}
				defaultValue={initial(fields.text)}
				rows={3}
				errors={fields.text.errors}
			/>
			<TextareaField
				name={fields.guidance.name}
				label={t('staff.guidance')}
				defaultValue={initial(fields.guidance)}
				rows={2}
				errors={fields.guidance.errors}
			/>
			<TextareaField
				name={fields.frameMet.name}
				label={t('staff.frameMet')}
				defaultValue={initial(fields.frameMet)}
				rows={2}
				errors={fields.frameMet.errors}
			/>
			<TextareaField
				name={fields.frameNotMet.name}
				label={t('staff.frameNotMet')}
				defaultValue={initial(fields.frameNotMet)}
				rows={2}
				errors={fields.frameNotMet.errors}
			/>
			<fieldset className="stack fieldset-plain">
				<legend>{t('staff.followUpLegend')}</legend>
				<p className="field__hint">{t('staff.followUpHint')}</p>
				<div className="staff-grid">
					<InputField
						name={fields.followUpDueOn.name}
						type="date"
						label={t('staff.followUpDueOn')}
						defaultValue={initial(fields.followUpDueOn)}
						errors={fields.followUpDueOn.errors}
					/>
					<SelectField
						name={fields.followUpDeliver.name}
						label={t('staff.followUpDeliver')}
						defaultValue={initial(fields.followUpDeliver) || 'number'}
						options={FOLLOW_UP_DELIVERIES.map((value) => ({ value, label: t(`staff.followUpDeliver_${value}`) }))}
					/>
				</div>
				<InputField
					name={fields.followUpDescription.name}
					label={t('staff.followUpDescription')}
					defaultValue={initial(fields.followUpDescription)}
					errors={fields.followUpDescription.errors}
				/>
			</fieldset>
			<h3 className="criterion-fields__evidence-title">{t('staff.evidenceItems')}</h3>
			{evidenceErrors?.length ? (
				<p id={`field-${fields.evidence.name}`} className="field__error">
					{evidenceErrors.map((error) => t(error as 'staff.errorEvidenceRequired')).join(' ')}
				</p>
			) : null}
			{items.map((item, itemIndex) => (
				<EvidenceFields
					key={item.key}
					form={form}
					item={item}
					list={fields.evidence.name}
					index={itemIndex}
					editable={editable}
				/>
			))}
			{editable ? (
				<div className="evidence-add" role="group" aria-label={t('staff.addEvidence')}>
					<span className="evidence-add__label">{t('staff.addEvidence')}:</span>
					{EVIDENCE_KINDS.map((kind) => (
						<button
							key={kind}
							className="button button--small"
							aria-label={t('staff.addEvidenceOfKind', { kind: t(`staff.evidenceKind_${kind}`) })}
							{...form.insert.getButtonProps({ name: fields.evidence.name, defaultValue: newEvidenceValue(kind) })}
						>
							{t(`staff.evidenceKind_${kind}`)}
						</button>
					))}
				</div>
			) : null}
			{editable ? (
				<button className="button button--small" {...form.remove.getButtonProps({ name: list, index })}>
					{t('staff.removeCriterion', { code: code || '…' })}
				</button>
			) : null}
		</fieldset>
	)
}

function EvidenceFields({
	form,
	item,
	list,
	index,
	editable,
}: {
	form: Form
	item: FieldMetadata<EvidenceValue, NormValue, string[]>
	list: FieldName<EvidenceValue[], NormValue, string[]>
	index: number
	editable: boolean
}) {
	const t = useT()
	const fields = item.getFieldset()
	const kind = (initial(fields.kind) || 'explanation') as EvidenceValue['kind']
	const number = index + 1
	const field = (name: Exclude<keyof EvidenceValue, 'kind' | 'key' | 'required'>) => ({
		name: fields[name].name,
		errors: fields[name].errors,
		defaultValue: initial(fields[name]),
	})
	return (
		<fieldset className="evidence-fields stack">
			<legend>{t('staff.evidenceN', { number, kind: t(`staff.evidenceKind_${kind}`) })}</legend>
			<input type="hidden" name={fields.key.name} value={initial(fields.key)} />
			<input type="hidden" name={fields.kind.name} value={kind} />
			<InputField
				{...field('label')}
				label={t(kind === 'template_upload' ? 'staff.evidenceTemplateName' : 'staff.evidenceLabel')}
			/>
			<InputField {...field('help')} label={t('staff.evidenceHelp')} />
			{kind === 'explanation' || kind === 'example' ? (
				<InputField
					{...field('minLength')}
					label={t('staff.minLength')}
					hint={t('staff.minLengthHint')}
					inputMode="numeric"
					className="field--short"
				/>
			) : null}
			{kind === 'explanation' ? (
				<details
					className="evidence-choices"
					open={Boolean(
						initial(fields.choicesLabel) ||
						initial(fields.choicesOptions) ||
						fields.choicesLabel.errors ||
						fields.choicesOptions.errors,
					)}
				>
					<summary>{t('staff.choicesTitle')}</summary>
					<div className="stack">
						<InputField {...field('choicesLabel')} label={t('staff.choicesLabel')} />
						<TextareaField
							{...field('choicesOptions')}
							label={t('staff.choicesOptions')}
							hint={t('staff.oneLineEach')}
							rows={4}
						/>
						<div className="staff-grid">
							<InputField {...field('choicesMin')} label={t('staff.choicesMin')} inputMode="numeric" />
							<InputField {...field('choicesMax')} label={t('staff.choicesMax')} inputMode="numeric" />
							<SelectField
								{...field('choicesNetwork')}
								label={t('network.choicesNetwork')}
								options={(['', 'learn', 'teach'] as const).map((value) => ({
									value,
									label: t(`network.choicesNetwork_${value || 'none'}`),
								}))}
							/>
						</div>
					</div>
				</details>
			) : null}
			{kind === 'template_upload' || kind === 'url' ? (
				<TextareaField
					{...field('lines')}
					label={t(kind === 'url' ? 'staff.checklist' : 'staff.requiredElements')}
					hint={t('staff.oneLineEach')}
					rows={Math.max(4, initial(fields.lines).split('\n').length + 1)}
				/>
			) : null}
			{kind === 'number' ? (
				<>
					<div className="staff-grid">
						<SelectField
							{...field('unit')}
							label={t('staff.unit')}
							options={NUMBER_UNITS.map((unit) => ({ value: unit, label: t(`staff.unit_${unit}`) }))}
						/>
						<InputField {...field('decimals')} label={t('staff.decimals')} inputMode="numeric" />
						<InputField {...field('min')} label={t('staff.numberMin')} inputMode="decimal" />
						<InputField {...field('max')} label={t('staff.numberMax')} inputMode="decimal" />
					</div>
					<div className="staff-grid">
						<SelectField
							{...field('ruleOp')}
							label={t('staff.ruleOp')}
							options={[
								{ value: '', label: t('staff.ruleOp_none') },
								...(Object.keys(RULE_OPS) as RuleOpName[]).map((op) => ({ value: op, label: t(`staff.ruleOp_${op}`) })),
							]}
						/>
						<InputField {...field('ruleValue')} label={t('staff.ruleValue')} inputMode="decimal" />
					</div>
					<InputField {...field('ruleMessage')} label={t('staff.ruleMessage')} />
				</>
			) : null}
			{kind === 'declaration' ? <TextareaField {...field('statement')} label={t('staff.statement')} rows={2} /> : null}
			<div className="evidence-fields__flags">
				<CheckboxField
					name={fields.required.name}
					label={t('staff.evidenceRequired')}
					defaultChecked={fields.required.initialValue === 'on'}
				/>
				{editable ? (
					<button className="button button--small" {...form.remove.getButtonProps({ name: list, index })}>
						{t('staff.removeEvidence', { number })}
					</button>
				) : null}
			</div>
		</fieldset>
	)
}
