import { data, Form, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/norm-set'
import { StaffErrorBoundary, useStaffRole } from './ui.tsx'
import {
	CheckboxField,
	ErrorSummary,
	InputField,
	SelectField,
	SubmitButton,
	TextareaField,
} from '#app/components/forms.tsx'
import type { Criterion, Norm, NormSet } from '#app/domain/norm-set.ts'
import { APPLICABILITIES, EVIDENCE_KINDS } from '#app/domain/types.ts'
import { useT } from '#app/i18n/react.tsx'
import { formDataToValues, formFailure } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { reactionsBeside } from '#app/services/consultation.server.ts'
import { CriterionReactions } from './consultation/criterion-reactions.tsx'
import {
	loadEditor,
	PUBLISHED_MESSAGE,
	publishNormSet,
	saveNormSet,
	startFromPrevious,
} from '#app/services/norm-set-editor.server.ts'
import {
	addCriterionToDraft,
	addEvidenceToDraft,
	COMBINATIONS,
	type CriterionDraft,
	draftFromValues,
	type EvidenceDraft,
	NUMBER_UNITS,
	type NormDraft,
	normToDraft,
	RULE_OPS,
	validateNormDraft,
} from './norm-form.ts'

// One schema for every form of the editor: the values are text; the domain validates the set.
const editorSchema = z.object({
	intent: z.union([
		z.enum(['copy', 'publish', 'save_norm', 'add_criterion', 'add_norm', 'remove_norm', 'theme']),
		z.string().regex(/^add_evidence:\d{1,3}$/),
	]),
	version: z.coerce.number().int().default(0),
	norm: z.string().optional(),
	theme: z.string().optional(),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const year = Number(params.year)
	invariantResponse(Number.isInteger(year) && year > 1999, 'Niet gevonden')
	const editor = await loadEditor(year)
	const normKey = new URL(request.url).searchParams.get('norm')
	const set = editor.current?.normSet ?? null
	const selected =
		normKey && set ? (set.themes.flatMap((theme) => theme.norms).find((norm) => norm.key === normKey) ?? null) : null
	return {
		year,
		set,
		status: editor.current?.status ?? null,
		version: editor.version,
		previousYear: editor.previousYear,
		diff: editor.diff,
		selected,
		// Issue 18: the consultation's reactions beside each criterion of the selected norm.
		reactions: selected ? await reactionsBeside(year, selected.key) : null,
	}
}

function textOf(values: Record<string, string | string[]>, name: string): string {
	const value = values[name]
	return (Array.isArray(value) ? value[0] : value)?.replace(/\r\n/g, '\n').trim() ?? ''
}

function allKeys(set: NormSet): string[] {
	return set.themes.flatMap((theme) => [
		theme.key,
		...theme.norms.flatMap((norm) => [
			norm.key,
			...norm.criteria.flatMap((criterion) => [criterion.key, ...criterion.evidence.map((item) => item.key)]),
		]),
	])
}

function uniqueKey(set: NormSet, base: string): string {
	const keys = new Set(allKeys(set))
	let index = 1
	while (keys.has(`${base}-${index}`)) index++
	return `${base}-${index}`
}

function newCriterion(set: NormSet, norm: Norm): Criterion {
	const key = uniqueKey(set, `${norm.key}-criterium`)
	const group = Math.max(0, ...norm.criteria.map((criterion) => criterion.group)) + 1
	return {
		key,
		code: `${norm.code}.${norm.criteria.length + 1}`,
		group,
		text: 'Nieuw criterium: beschrijf wat de zorgaanbieder moet laten zien.',
		assessmentFrame: { met: 'Voldoet wanneer …', notMet: 'Voldoet niet wanneer …' },
		frameSource: 'source',
		evidence: [
			{
				key: `${key}-toelichting`,
				kind: 'explanation',
				label: 'Toelichting',
				required: true,
				minLength: 50,
			} as Criterion['evidence'][number],
		],
	}
}

function replaceNorm(set: NormSet, key: string, next: Norm | null): NormSet {
	return {
		...set,
		themes: set.themes.map((theme) => ({
			...theme,
			norms: theme.norms.flatMap((norm) => (norm.key === key ? (next ? [next] : []) : [norm])),
		})),
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	const year = Number(params.year)
	const formData = await request.formData()
	const parsed = editorSchema.safeParse(formDataToValues(formData))
	invariantResponse(parsed.success, 'Ongeldig formulier', { status: 400 })
	const { intent, version } = parsed.data
	const here = `/medewerkers/normen/${year}`
	const fail = (errors: string[]) =>
		data(formFailure({ formErrors: errors, values: formDataToValues(formData) }), { status: 400 })
	if (intent === 'copy') {
		const result = await startFromPrevious(actor, year)
		return result.ok
			? redirectWithToast(here, { type: 'success', key: 'staff.toastNormSetCopied' })
			: fail(result.errors)
	}
	if (intent === 'publish') {
		const result = await publishNormSet(actor, year)
		return result.ok
			? redirectWithToast(here, { type: 'success', key: 'staff.toastNormSetPublished' })
			: fail(result.errors)
	}
	const editor = await loadEditor(year)
	const set = editor.current?.normSet
	invariantResponse(set, 'Niet gevonden')
	if (editor.current?.status !== 'draft') return fail([PUBLISHED_MESSAGE])
	const norm = set.themes.flatMap((theme) => theme.norms).find((candidate) => candidate.key === parsed.data.norm)
	let next: NormSet
	let summary: string
	let target = here
	if (intent === 'theme') {
		const values = formDataToValues(formData)
		next = {
			...set,
			themes: set.themes.map((theme) =>
				theme.key === parsed.data.theme
					? {
							...theme,
							title: textOf(values, 'title'),
							...(textOf(values, 'introduction')
								? { introduction: textOf(values, 'introduction') }
								: { introduction: undefined }),
						}
					: theme,
			),
		}
		summary = `Thema ${parsed.data.theme} bewerkt`
	} else if (intent === 'add_norm') {
		const theme = set.themes.find((candidate) => candidate.key === parsed.data.theme)
		invariantResponse(theme, 'Niet gevonden')
		const codes = set.themes
			.flatMap((candidate) => candidate.norms.map((existing) => Number(existing.code)))
			.filter(Number.isFinite)
		const code = String(Math.max(0, ...codes) + 1)
		const key = uniqueKey(set, 'norm')
		const added: Norm = {
			key,
			code,
			title: `Nieuwe norm ${code}`,
			explanation: 'Toelichting op de norm.',
			safeguards: [],
			appliesTo: 'all',
			criteria: [],
		}
		added.criteria = [newCriterion(set, added)]
		next = {
			...set,
			themes: set.themes.map((candidate) =>
				candidate.key === theme.key ? { ...candidate, norms: [...candidate.norms, added] } : candidate,
			),
		}
		summary = `Norm ${code} toegevoegd`
		target = `${here}?norm=${key}`
	} else {
		invariantResponse(norm, 'Niet gevonden')
		target = `${here}?norm=${norm.key}`
		if (intent === 'remove_norm') {
			next = replaceNorm(set, norm.key, null)
			summary = `Norm ${norm.code} verwijderd`
			target = here
		} else {
			const values = formDataToValues(formData)
			const draft = draftFromValues(values)
			if (intent === 'add_criterion') return { draft: addCriterionToDraft(draft, norm.key, allKeys(set)) }
			const addEvidence = /^add_evidence:(\d+)$/.exec(intent)
			if (addEvidence) {
				const index = Number(addEvidence[1])
				const kind = EVIDENCE_KINDS.find((candidate) => candidate === values[`c${index}.newKind`]) ?? 'explanation'
				return { draft: addEvidenceToDraft(draft, index, kind, allKeys(set)) }
			}
			const checked = validateNormDraft(draft, norm)
			if (!checked.ok) return data({ ...formFailure({ ...checked, values }), draft }, { status: 400 })
			const result = await saveNormSet(
				actor,
				year,
				replaceNorm(set, norm.key, checked.norm),
				version,
				`Norm ${norm.code} bewerkt`,
			)
			return result.ok
				? redirectWithToast(target, { type: 'success', key: 'staff.toastNormSetSaved' })
				: data({ ...formFailure({ formErrors: result.errors, values }), draft }, { status: 400 })
		}
	}
	const result = await saveNormSet(actor, year, next, version, summary)
	return result.ok
		? redirectWithToast(target, { type: 'success', key: 'staff.toastNormSetSaved' })
		: fail(result.errors)
}

export const meta: Route.MetaFunction = ({ params }) => [
	{ title: `Normen ${params.year} · Medewerkers · Keurmerkportaal` },
]

export default function NormSetEditor({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, set, status, version, previousYear, diff, selected, reactions } = loaderData
	const errors = actionData && 'success' in actionData && !actionData.success ? actionData : undefined
	const editable = role === 'admin' && status === 'draft'
	if (!set) {
		return (
			<div className="stack">
				<h1>{t('staff.normSetOf', { year })}</h1>
				<ErrorSummary formErrors={errors?.formErrors} />
				<p className="empty-state">{t('staff.normSetMissing')}</p>
				{role === 'admin' && previousYear ? (
					<Form method="post">
						<SubmitButton name="intent" value="copy">
							{t('staff.normSetCopy', { year: previousYear })}
						</SubmitButton>
					</Form>
				) : null}
			</div>
		)
	}
	if (selected) {
		const draft = actionData && 'draft' in actionData ? actionData.draft : normToDraft(selected, version)
		return (
			<NormForm year={year} norm={selected} draft={draft} editable={editable} errors={errors} reactions={reactions} />
		)
	}
	return (
		<div className="stack">
			<p>
				<Link to={`/medewerkers/jaren/${year}`}>← {t('staff.yearTitle', { year })}</Link>
			</p>
			<h1>
				{t('staff.normSetOf', { year })}{' '}
				<span className={`badge badge--${status === 'published' ? 'success' : 'warning'}`}>
					{t(status === 'published' ? 'staff.published' : 'staff.draft')}
				</span>
			</h1>
			<p>{set.title}</p>
			<ErrorSummary formErrors={errors?.formErrors} />
			{editable ? (
				<Form method="post" className="panel panel--info">
					<p>{t('staff.normSetPublishText')}</p>
					<input type="hidden" name="version" value={version} />
					<SubmitButton name="intent" value="publish">
						{t('staff.normSetPublish')}
					</SubmitButton>
				</Form>
			) : null}
			{diff ? (
				<section className="panel" aria-labelledby="diff-title">
					<h2 id="diff-title">{t('staff.normSetDiff', { year: previousYear ?? '' })}</h2>
					<ul>
						<li>
							{t('staff.diffNormsChanged', {
								list:
									diff.norms.changed.map((change) => `${change.next.code} (${change.fields.join(', ')})`).join('; ') ||
									'–',
							})}
						</li>
						<li>
							{t('staff.diffNormsAdded', {
								list: diff.norms.added.map((norm) => `${norm.code} ${norm.title}`).join('; ') || '–',
							})}
						</li>
						<li>
							{t('staff.diffNormsRemoved', {
								list: diff.norms.removed.map((norm) => `${norm.code} ${norm.title}`).join('; ') || '–',
							})}
						</li>
						<li>
							{t('staff.diffCriteriaChanged', {
								list:
									diff.criteria.changed
										.map((change) => `${change.next.code} (${change.fields.join(', ')})`)
										.join('; ') || '–',
							})}
						</li>
						<li>
							{t('staff.diffCriteriaAdded', { list: diff.criteria.added.map((ref) => ref.code).join(', ') || '–' })}
						</li>
						<li>
							{t('staff.diffCriteriaRemoved', { list: diff.criteria.removed.map((ref) => ref.code).join(', ') || '–' })}
						</li>
						<li>
							{t('staff.diffCriteriaMoved', {
								list:
									diff.criteria.moved.map((change) => `${change.previous.code} → ${change.next.code}`).join(', ') ||
									'–',
							})}
						</li>
					</ul>
				</section>
			) : null}
			{set.themes.map((theme) => (
				<section key={theme.key} className="panel stack" aria-labelledby={`theme-${theme.key}`}>
					<h2 id={`theme-${theme.key}`}>{theme.title}</h2>
					{editable ? (
						<details>
							<summary>{t('staff.themeEdit')}</summary>
							<Form method="post" className="form">
								<input type="hidden" name="version" value={version} />
								<input type="hidden" name="theme" value={theme.key} />
								<InputField
									id={`theme-title-${theme.key}`}
									name="title"
									label={t('staff.columnTitle')}
									defaultValue={theme.title}
								/>
								<TextareaField
									id={`theme-intro-${theme.key}`}
									name="introduction"
									label={t('staff.introduction')}
									defaultValue={theme.introduction ?? ''}
									rows={3}
								/>
								<SubmitButton name="intent" value="theme" className="button button--small">
									{t('staff.save')}
								</SubmitButton>
							</Form>
						</details>
					) : null}
					<ol>
						{theme.norms.map((norm) => (
							<li key={norm.key}>
								<Link to={`?norm=${norm.key}`}>{t('staff.normHeading', { code: norm.code, title: norm.title })}</Link> (
								{t('staff.criteriaCount', { count: norm.criteria.length })})
							</li>
						))}
					</ol>
					{editable ? (
						<Form method="post">
							<input type="hidden" name="version" value={version} />
							<input type="hidden" name="theme" value={theme.key} />
							<SubmitButton name="intent" value="add_norm" className="button button--small">
								{t('staff.addNorm')}
							</SubmitButton>
						</Form>
					) : null}
				</section>
			))}
		</div>
	)
}

type EditorFailure = { fieldErrors?: Record<string, string[]>; formErrors?: string[] }

function NormForm({
	year,
	norm,
	draft,
	editable,
	errors,
	reactions,
}: {
	year: number
	norm: Norm
	draft: NormDraft
	editable: boolean
	errors?: EditorFailure
	reactions?: Awaited<ReturnType<typeof reactionsBeside>>
}) {
	const t = useT()
	const applicability = APPLICABILITIES.map((value) => ({ value, label: t(`staff.applies_${value}`) }))
	const fieldErrors = errors?.fieldErrors ?? {}
	// A new key after every answer of the action, so the fields show the draft that came back.
	const formKey = `${draft.version}-${draft.criteria.map((criterion) => criterion.evidence.length).join('.')}`
	return (
		<div className="stack">
			<p>
				<Link to={`/medewerkers/normen/${year}`}>← {t('staff.normSetOf', { year })}</Link>
			</p>
			<h1>{t('staff.normHeading', { code: norm.code, title: norm.title })}</h1>
			{editable ? null : <p className="panel panel--info">{t('staff.normReadOnly')}</p>}
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form key={formKey} method="post" className="form norm-form" noValidate>
				<input type="hidden" name="version" value={draft.version} />
				<input type="hidden" name="norm" value={norm.key} />
				<fieldset disabled={!editable} className="stack norm-form__body">
					<legend className="visually-hidden">{norm.title}</legend>
					<div className="staff-grid">
						<InputField name="code" label={t('staff.code')} defaultValue={draft.code} errors={fieldErrors.code} />
						<SelectField
							name="appliesTo"
							label={t('staff.appliesTo')}
							defaultValue={draft.appliesTo}
							options={applicability}
							errors={fieldErrors.appliesTo}
						/>
					</div>
					<InputField
						name="title"
						label={t('staff.columnTitle')}
						defaultValue={draft.title}
						errors={fieldErrors.title}
					/>
					<TextareaField
						name="explanation"
						label={t('staff.explanation')}
						defaultValue={draft.explanation}
						rows={4}
						errors={fieldErrors.explanation}
					/>
					<TextareaField
						name="safeguards"
						label={t('staff.safeguards')}
						hint={t('staff.oneLineEach')}
						defaultValue={draft.safeguards}
						rows={3}
						errors={fieldErrors.safeguards}
					/>
					<TextareaField
						name="clientPromise"
						label={t('staff.clientPromise')}
						defaultValue={draft.clientPromise}
						rows={2}
						errors={fieldErrors.clientPromise}
					/>
					<CriterionReactions beside={reactions} target={`norm:${norm.key}`} />
					{draft.criteria.map((criterion, index) => (
						<div key={criterion.key} className="stack">
							<CriterionFields criterion={criterion} index={index} editable={editable} fieldErrors={fieldErrors} />
							<CriterionReactions beside={reactions} target={`criterion:${criterion.key}`} />
						</div>
					))}
					{editable ? (
						<div className="button-row">
							<SubmitButton name="intent" value="save_norm">
								{t('staff.saveNorm')}
							</SubmitButton>
							<SubmitButton name="intent" value="add_criterion" className="button">
								{t('staff.addCriterion')}
							</SubmitButton>
							<SubmitButton name="intent" value="remove_norm" className="button button--danger">
								{t('staff.removeNorm')}
							</SubmitButton>
						</div>
					) : null}
				</fieldset>
			</Form>
		</div>
	)
}

function CriterionFields({
	criterion,
	index,
	editable,
	fieldErrors,
}: {
	criterion: CriterionDraft
	index: number
	editable: boolean
	fieldErrors: Record<string, string[]>
}) {
	const t = useT()
	const name = (field: string) => `c${index}.${field}`
	const errorsOf = (field: string) => fieldErrors[name(field)]
	const applicability = [
		{ value: '', label: t('staff.appliesAsNorm') },
		...APPLICABILITIES.map((value) => ({ value, label: t(`staff.applies_${value}`) })),
	]
	const evidenceErrors = errorsOf('evidence')
	return (
		<fieldset className={`panel stack criterion-fields${criterion.removed ? ' criterion-fields--removed' : ''}`}>
			<legend>{t('staff.criterionN', { code: criterion.code || '…' })}</legend>
			<input type="hidden" name={name('key')} value={criterion.key} />
			<input type="hidden" name={name('frameSource')} value={criterion.frameSource} />
			<div className="staff-grid">
				<InputField
					name={name('code')}
					label={t('staff.code')}
					defaultValue={criterion.code}
					errors={errorsOf('code')}
				/>
				{index > 0 ? (
					<SelectField
						name={name('combine')}
						label={t('staff.combine')}
						defaultValue={criterion.combine}
						options={COMBINATIONS.map((value) => ({ value, label: t(`staff.combine_${value}`) }))}
					/>
				) : (
					<input type="hidden" name={name('combine')} value="and" />
				)}
				<SelectField
					name={name('appliesTo')}
					label={t('staff.appliesTo')}
					defaultValue={criterion.appliesTo}
					options={applicability}
					errors={errorsOf('appliesTo')}
				/>
			</div>
			<TextareaField
				name={name('text')}
				label={t('staff.criterionText')}
				defaultValue={criterion.text}
				rows={3}
				errors={errorsOf('text')}
			/>
			<TextareaField
				name={name('guidance')}
				label={t('staff.guidance')}
				defaultValue={criterion.guidance}
				rows={2}
				errors={errorsOf('guidance')}
			/>
			<TextareaField
				name={name('frameMet')}
				label={t('staff.frameMet')}
				defaultValue={criterion.frameMet}
				rows={2}
				errors={errorsOf('frameMet')}
			/>
			<TextareaField
				name={name('frameNotMet')}
				label={t('staff.frameNotMet')}
				defaultValue={criterion.frameNotMet}
				rows={2}
				errors={errorsOf('frameNotMet')}
			/>
			<fieldset className="stack fieldset-plain">
				<legend>{t('staff.followUpLegend')}</legend>
				<p className="field__hint">{t('staff.followUpHint')}</p>
				<div className="staff-grid">
					<InputField
						name={name('followUpDueOn')}
						type="date"
						label={t('staff.followUpDueOn')}
						defaultValue={criterion.followUpDueOn}
						errors={errorsOf('followUpDueOn')}
					/>
					<SelectField
						name={name('followUpDeliver')}
						label={t('staff.followUpDeliver')}
						defaultValue={criterion.followUpDeliver}
						options={[
							{ value: 'number', label: t('staff.followUpDeliver_number') },
							{ value: 'text', label: t('staff.followUpDeliver_text') },
						]}
					/>
				</div>
				<InputField
					name={name('followUpDescription')}
					label={t('staff.followUpDescription')}
					defaultValue={criterion.followUpDescription}
					errors={errorsOf('followUpDescription')}
				/>
			</fieldset>
			<h3 className="criterion-fields__evidence-title">{t('staff.evidenceItems')}</h3>
			{evidenceErrors?.length ? (
				<p id={`field-${name('evidence')}`} className="field__error">
					{evidenceErrors.map((error) => t(error as 'staff.errorEvidenceRequired')).join(' ')}
				</p>
			) : null}
			{criterion.evidence.map((item, itemIndex) => (
				<EvidenceFields
					key={item.key}
					item={item}
					prefix={`c${index}.e${itemIndex}.`}
					number={itemIndex + 1}
					fieldErrors={fieldErrors}
				/>
			))}
			{editable ? (
				<div className="evidence-add">
					<SelectField
						name={name('newKind')}
						label={t('staff.newEvidenceKind')}
						defaultValue="explanation"
						options={EVIDENCE_KINDS.map((kind) => ({ value: kind, label: t(`staff.evidenceKind_${kind}`) }))}
					/>
					<SubmitButton name="intent" value={`add_evidence:${index}`} className="button button--small">
						{t('staff.addEvidence')}
					</SubmitButton>
				</div>
			) : null}
			<CheckboxField
				name={name('remove')}
				label={t('staff.removeCriterion', { code: criterion.code || '…' })}
				defaultChecked={criterion.removed}
			/>
		</fieldset>
	)
}

function EvidenceFields({
	item,
	prefix,
	number,
	fieldErrors,
}: {
	item: EvidenceDraft
	prefix: string
	number: number
	fieldErrors: Record<string, string[]>
}) {
	const t = useT()
	const field = (name: keyof EvidenceDraft) => ({ name: `${prefix}${name}`, errors: fieldErrors[`${prefix}${name}`] })
	return (
		<fieldset className={`evidence-fields stack${item.removed ? ' evidence-fields--removed' : ''}`}>
			<legend>{t('staff.evidenceN', { number, kind: t(`staff.evidenceKind_${item.kind}`) })}</legend>
			<input type="hidden" name={`${prefix}key`} value={item.key} />
			<input type="hidden" name={`${prefix}kind`} value={item.kind} />
			<InputField
				{...field('label')}
				label={t(item.kind === 'template_upload' ? 'staff.evidenceTemplateName' : 'staff.evidenceLabel')}
				defaultValue={item.label}
			/>
			<InputField {...field('help')} label={t('staff.evidenceHelp')} defaultValue={item.help} />
			{item.kind === 'explanation' || item.kind === 'example' ? (
				<InputField
					{...field('minLength')}
					label={t('staff.minLength')}
					hint={t('staff.minLengthHint')}
					inputMode="numeric"
					defaultValue={item.minLength}
					className="field--short"
				/>
			) : null}
			{item.kind === 'explanation' ? (
				<details
					className="evidence-choices"
					open={Boolean(
						item.choicesLabel ||
						item.choicesOptions ||
						fieldErrors[`${prefix}choicesLabel`] ||
						fieldErrors[`${prefix}choicesOptions`],
					)}
				>
					<summary>{t('staff.choicesTitle')}</summary>
					<div className="stack">
						<InputField {...field('choicesLabel')} label={t('staff.choicesLabel')} defaultValue={item.choicesLabel} />
						<TextareaField
							{...field('choicesOptions')}
							label={t('staff.choicesOptions')}
							hint={t('staff.oneLineEach')}
							defaultValue={item.choicesOptions}
							rows={4}
						/>
						<div className="staff-grid">
							<InputField
								{...field('choicesMin')}
								label={t('staff.choicesMin')}
								inputMode="numeric"
								defaultValue={item.choicesMin}
							/>
							<InputField
								{...field('choicesMax')}
								label={t('staff.choicesMax')}
								inputMode="numeric"
								defaultValue={item.choicesMax}
							/>
							<SelectField
								{...field('choicesNetwork')}
								label={t('network.choicesNetwork')}
								defaultValue={item.choicesNetwork}
								options={(['', 'learn', 'teach'] as const).map((value) => ({
									value,
									label: t(`network.choicesNetwork_${value || 'none'}`),
								}))}
							/>
						</div>
					</div>
				</details>
			) : null}
			{item.kind === 'template_upload' || item.kind === 'url' ? (
				<TextareaField
					{...field('lines')}
					label={t(item.kind === 'url' ? 'staff.checklist' : 'staff.requiredElements')}
					hint={t('staff.oneLineEach')}
					defaultValue={item.lines}
					rows={Math.max(4, item.lines.split('\n').length + 1)}
				/>
			) : null}
			{item.kind === 'number' ? (
				<>
					<div className="staff-grid">
						<SelectField
							{...field('unit')}
							label={t('staff.unit')}
							defaultValue={item.unit}
							options={NUMBER_UNITS.map((unit) => ({ value: unit, label: t(`staff.unit_${unit}`) }))}
						/>
						<InputField
							{...field('decimals')}
							label={t('staff.decimals')}
							inputMode="numeric"
							defaultValue={item.decimals}
						/>
						<InputField {...field('min')} label={t('staff.numberMin')} inputMode="decimal" defaultValue={item.min} />
						<InputField {...field('max')} label={t('staff.numberMax')} inputMode="decimal" defaultValue={item.max} />
					</div>
					<div className="staff-grid">
						<SelectField
							{...field('ruleOp')}
							label={t('staff.ruleOp')}
							defaultValue={item.ruleOp}
							options={[
								{ value: '', label: t('staff.ruleOp_none') },
								...(Object.keys(RULE_OPS) as (keyof typeof RULE_OPS)[]).map((op) => ({
									value: op,
									label: t(`staff.ruleOp_${op}`),
								})),
							]}
						/>
						<InputField
							{...field('ruleValue')}
							label={t('staff.ruleValue')}
							inputMode="decimal"
							defaultValue={item.ruleValue}
						/>
					</div>
					<InputField {...field('ruleMessage')} label={t('staff.ruleMessage')} defaultValue={item.ruleMessage} />
				</>
			) : null}
			{item.kind === 'declaration' ? (
				<TextareaField {...field('statement')} label={t('staff.statement')} defaultValue={item.statement} rows={2} />
			) : null}
			<div className="evidence-fields__flags">
				<CheckboxField name={`${prefix}required`} label={t('staff.evidenceRequired')} defaultChecked={item.required} />
				<CheckboxField
					name={`${prefix}remove`}
					label={t('staff.removeEvidence', { number })}
					defaultChecked={item.removed}
				/>
			</div>
		</fieldset>
	)
}

export const ErrorBoundary = StaffErrorBoundary
