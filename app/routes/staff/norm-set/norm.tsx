// /medewerkers/normen/:year/norm/:normKey — one norm of a year's norm set as a form: the norm's
// text, its criteria (én/of, applicability, assessment frame) and their evidence items, each kind
// with its own fields. Conform reads the nested form (+shared/norm-form.ts); adding and removing
// criteria or items is an intent of the same form, so it works without JavaScript, and nothing
// is stored until the administrator saves the norm. A stale version is a conflict, never an
// overwrite; a published set is read-only.
import { getFormProps, useForm } from '@conform-to/react'
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/norm'
import { editorErrors, editSummary } from './+shared/editor.server.ts'
import { CriterionFields } from './+shared/norm-fields.tsx'
import { newCriterionValue, normFormSchema, normFromForm, normValue } from './+shared/norm-form.ts'
import { normParams } from './+shared/params.ts'
import { CriterionReactions } from '../consultation/criterion-reactions.tsx'
import { StaffErrorBoundary, useStaffRole } from '../ui.tsx'
import { ErrorSummary, InputField, SelectField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { AppError } from '#app/domain/errors.ts'
import { assignKeys, findNorm, replaceNorm } from '#app/domain/norm-set-edits.ts'
import { APPLICABILITIES } from '#app/domain/types.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useT } from '#app/i18n/react.tsx'
import { translate } from '#app/i18n/translate.ts'
import { attempt, parseSubmission, readForm } from '#app/lib/forms.ts'
import { notFound, parseParams } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { reactionsBeside } from '#app/services/consultation.server.ts'
import { loadEditor, saveNormSet } from '#app/services/norm-set-editor.server.ts'

async function loadNorm(params: Route.LoaderArgs['params']) {
	const { year, normKey } = parseParams(normParams, params)
	const editor = await loadEditor(year)
	const set = editor.current?.normSet
	const norm = set && findNorm(set, normKey)
	if (!set || !norm) notFound()
	return { year, set, norm, status: editor.current?.status ?? null, version: editor.version }
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const { year, norm, status, version } = await loadNorm(params)
	// Issue 18: the consultation's reactions beside each criterion of the norm.
	return { year, norm, status, version, reactions: await reactionsBeside(year, norm.key) }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	const { year, set, norm, status } = await loadNorm(params)
	const formData = await readForm(request)
	const submission = parseSubmission(formData, normFormSchema)
	const refuse = (error: AppError) =>
		data({ result: submission.reply({ formErrors: editorErrors(error, user.locale) }) }, { status: 400 })
	if (status !== 'draft') return refuse(new AppError('norm_set_published'))
	const version = Number(formData.get('version'))
	const overview = href('/medewerkers/normen/:year', { year: String(year) })
	if (formData.get('intent') === 'remove_norm') {
		const removed = await attempt(() =>
			saveNormSet(
				actor,
				year,
				replaceNorm(set, norm.key, null),
				version,
				editSummary('summaryNormRemoved', { code: norm.code }),
			),
		)
		if (!removed.ok) return refuse(removed.error)
		return redirectWithToast(overview, { type: 'success', key: 'staff.toastNormSetSaved' })
	}
	// An intent (add or remove a criterion or item) or invalid input: the form comes back as typed.
	if (submission.status !== 'success')
		return data({ result: submission.reply() }, { status: submission.status === 'error' ? 400 : 200 })
	const next = assignKeys(set, normFromForm(submission.value, norm))
	const saved = await attempt(() =>
		saveNormSet(
			actor,
			year,
			replaceNorm(set, norm.key, next),
			submission.value.version,
			editSummary('summaryNormEdited', { code: norm.code }),
		),
	)
	if (!saved.ok) return refuse(saved.error)
	return redirectWithToast(`${overview}/norm/${norm.key}`, { type: 'success', key: 'staff.toastNormSetSaved' })
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [
		args.loaderData ? { text: `${args.loaderData.norm.code} ${args.loaderData.norm.title}` } : 'meta.notFound',
		['meta.normsYear', { year: args.params.year ?? '' }],
		'meta.staff',
	])

export default function NormEditor({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, norm, status, version, reactions } = loaderData
	const editable = role === 'admin' && status === 'draft'
	const [form, fields] = useForm({
		id: `norm-${norm.key}-${version}`,
		lastResult: actionData?.result,
		defaultValue: normValue(norm, version),
		shouldRevalidate: 'onInput',
	})
	const errors = actionData?.result.error ?? {}
	const fieldErrors = Object.fromEntries(
		Object.entries(errors).filter((entry): entry is [string, string[]] => entry[0] !== '' && Boolean(entry[1]?.length)),
	)
	const criteria = fields.criteria.getFieldList()
	const initial = (field: { initialValue?: unknown }) =>
		typeof field.initialValue === 'string' ? field.initialValue : ''
	const applicability = APPLICABILITIES.map((value) => ({ value, label: t(`staff.applies_${value}`) }))
	return (
		<div className="stack">
			<p>
				<Link to={href('/medewerkers/normen/:year', { year: String(year) })}>← {t('staff.normSetOf', { year })}</Link>
			</p>
			<h1>{t('staff.normHeading', { code: norm.code, title: norm.title })}</h1>
			{editable ? null : <p className="panel panel--info">{t('staff.normReadOnly')}</p>}
			<ErrorSummary fieldErrors={fieldErrors} formErrors={errors['']?.filter(Boolean) ?? undefined} />
			<Form method="post" className="form norm-form" {...getFormProps(form)}>
				<input type="hidden" name={fields.version.name} value={initial(fields.version)} />
				<fieldset disabled={!editable} className="stack norm-form__body">
					<legend className="visually-hidden">{norm.title}</legend>
					<div className="staff-grid">
						<InputField
							name={fields.code.name}
							label={t('staff.code')}
							defaultValue={initial(fields.code)}
							errors={fields.code.errors}
						/>
						<SelectField
							name={fields.appliesTo.name}
							label={t('staff.appliesTo')}
							defaultValue={initial(fields.appliesTo)}
							options={applicability}
							errors={fields.appliesTo.errors}
						/>
					</div>
					<InputField
						name={fields.title.name}
						label={t('staff.columnTitle')}
						defaultValue={initial(fields.title)}
						errors={fields.title.errors}
					/>
					<TextareaField
						name={fields.explanation.name}
						label={t('staff.explanation')}
						defaultValue={initial(fields.explanation)}
						rows={4}
						errors={fields.explanation.errors}
					/>
					<TextareaField
						name={fields.safeguards.name}
						label={t('staff.safeguards')}
						hint={t('staff.oneLineEach')}
						defaultValue={initial(fields.safeguards)}
						rows={3}
						errors={fields.safeguards.errors}
					/>
					<TextareaField
						name={fields.clientPromise.name}
						label={t('staff.clientPromise')}
						defaultValue={initial(fields.clientPromise)}
						rows={2}
						errors={fields.clientPromise.errors}
					/>
					<CriterionReactions beside={reactions} target={`norm:${norm.key}`} />
					{criteria.map((criterion, index) => (
						<div key={criterion.key} className="stack">
							<CriterionFields
								form={form}
								criterion={criterion}
								list={fields.criteria.name}
								index={index}
								editable={editable}
							/>
							<CriterionReactions
								beside={reactions}
								target={`criterion:${String(criterion.getFieldset().key.initialValue ?? '')}`}
							/>
						</div>
					))}
					{editable ? (
						<div className="button-row">
							<SubmitButton>{t('staff.saveNorm')}</SubmitButton>
							<button
								className="button"
								{...form.insert.getButtonProps({
									name: fields.criteria.name,
									defaultValue: newCriterionValue(
										initial(fields.code),
										criteria.length,
										translate('nl', 'staff.newEvidenceLabel'),
									),
								})}
							>
								{t('staff.addCriterion')}
							</button>
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

export const ErrorBoundary = StaffErrorBoundary
