import { data, Form, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/norm-set'
import { StaffErrorBoundary, useStaffRole } from './ui.tsx'
import { CheckboxField, ErrorSummary, InputField, SelectField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import type { Criterion, Norm, NormSet } from '#app/domain/norm-set.ts'
import { APPLICABILITIES } from '#app/domain/types.ts'
import { useT } from '#app/i18n/react.tsx'
import { formDataToValues, formFailure } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { loadEditor, publishNormSet, saveNormSet, startFromPrevious } from '#app/services/norm-set-editor.server.ts'

// One schema for every form of the editor: the values are text; the domain validates the set.
const editorSchema = z.object({
	intent: z.enum(['copy', 'publish', 'save_norm', 'add_criterion', 'add_norm', 'remove_norm', 'theme']),
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
	const selected = normKey && set ? (set.themes.flatMap((theme) => theme.norms).find((norm) => norm.key === normKey) ?? null) : null
	return { year, set, status: editor.current?.status ?? null, version: editor.version, previousYear: editor.previousYear, diff: editor.diff, selected }
}

function textOf(values: Record<string, string | string[]>, name: string): string {
	const value = values[name]
	return (Array.isArray(value) ? value[0] : value)?.replace(/\r\n/g, '\n').trim() ?? ''
}

function uniqueKey(set: NormSet, base: string): string {
	const keys = new Set(set.themes.flatMap((theme) => [theme.key, ...theme.norms.flatMap((norm) => [norm.key, ...norm.criteria.flatMap((criterion) => [criterion.key, ...criterion.evidence.map((item) => item.key)])])]))
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
		evidence: [{ key: `${key}-toelichting`, kind: 'explanation', label: 'Toelichting', required: true, minLength: 50 } as Criterion['evidence'][number]],
	}
}

/** The norm as edited in the form (criteria by index; a ticked "remove" drops one). */
function normFromForm(norm: Norm, values: Record<string, string | string[]>): { norm: Norm; errors: string[] } {
	const errors: string[] = []
	const criteria: Criterion[] = []
	norm.criteria.forEach((criterion, index) => {
		const field = (name: string) => textOf(values, `c${index}.${name}`)
		if (field('remove') === 'on') return
		let evidence = criterion.evidence
		try {
			evidence = JSON.parse(field('evidence')) as Criterion['evidence']
		} catch {
			errors.push(`Criterium ${criterion.code}: de bewijsstukken zijn geen geldige JSON.`)
		}
		const appliesTo = field('appliesTo')
		criteria.push({
			key: criterion.key,
			code: field('code'),
			group: Number(field('group')),
			text: field('text'),
			...(field('guidance') ? { guidance: field('guidance') } : {}),
			assessmentFrame: { met: field('frameMet'), notMet: field('frameNotMet') },
			frameSource: criterion.frameSource,
			...(appliesTo ? { appliesTo: appliesTo as Criterion['appliesTo'] } : {}),
			evidence,
		})
	})
	const clientPromise = textOf(values, 'clientPromise')
	return {
		norm: {
			...norm,
			code: textOf(values, 'code'),
			title: textOf(values, 'title'),
			explanation: textOf(values, 'explanation'),
			safeguards: textOf(values, 'safeguards').split('\n').map((line) => line.trim()).filter(Boolean),
			...(clientPromise ? { clientPromise } : { clientPromise: undefined }),
			appliesTo: textOf(values, 'appliesTo') as Norm['appliesTo'],
			criteria,
		},
		errors,
	}
}

function replaceNorm(set: NormSet, key: string, next: Norm | null): NormSet {
	return {
		...set,
		themes: set.themes.map((theme) => ({ ...theme, norms: theme.norms.flatMap((norm) => (norm.key === key ? (next ? [next] : []) : [norm])) })),
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
	const fail = (errors: string[]) => data(formFailure({ formErrors: errors, values: formDataToValues(formData) }), { status: 400 })
	if (intent === 'copy') {
		const result = await startFromPrevious(actor, year)
		return result.ok ? redirectWithToast(here, { type: 'success', key: 'staff.toastNormSetCopied' }) : fail(result.errors)
	}
	if (intent === 'publish') {
		const result = await publishNormSet(actor, year)
		return result.ok ? redirectWithToast(here, { type: 'success', key: 'staff.toastNormSetPublished' }) : fail(result.errors)
	}
	const editor = await loadEditor(year)
	const set = editor.current?.normSet
	invariantResponse(set, 'Niet gevonden')
	const norm = set.themes.flatMap((theme) => theme.norms).find((candidate) => candidate.key === parsed.data.norm)
	let next: NormSet
	let summary: string
	let target = here
	if (intent === 'theme') {
		const values = formDataToValues(formData)
		next = { ...set, themes: set.themes.map((theme) => (theme.key === parsed.data.theme ? { ...theme, title: textOf(values, 'title'), ...(textOf(values, 'introduction') ? { introduction: textOf(values, 'introduction') } : { introduction: undefined }) } : theme)) }
		summary = `Thema ${parsed.data.theme} bewerkt`
	} else if (intent === 'add_norm') {
		const theme = set.themes.find((candidate) => candidate.key === parsed.data.theme)
		invariantResponse(theme, 'Niet gevonden')
		const codes = set.themes.flatMap((candidate) => candidate.norms.map((existing) => Number(existing.code))).filter(Number.isFinite)
		const code = String(Math.max(0, ...codes) + 1)
		const key = uniqueKey(set, 'norm')
		const added: Norm = { key, code, title: `Nieuwe norm ${code}`, explanation: 'Toelichting op de norm.', safeguards: [], appliesTo: 'all', criteria: [] }
		added.criteria = [newCriterion(set, added)]
		next = { ...set, themes: set.themes.map((candidate) => (candidate.key === theme.key ? { ...candidate, norms: [...candidate.norms, added] } : candidate)) }
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
			const edited = normFromForm(norm, formDataToValues(formData))
			if (edited.errors.length) return fail(edited.errors)
			const withCriterion = intent === 'add_criterion' ? { ...edited.norm, criteria: [...edited.norm.criteria, newCriterion(set, edited.norm)] } : edited.norm
			next = replaceNorm(set, norm.key, withCriterion)
			summary = intent === 'add_criterion' ? `Criterium toegevoegd aan norm ${norm.code}` : `Norm ${norm.code} bewerkt`
		}
	}
	const result = await saveNormSet(actor, year, next, version, summary)
	return result.ok ? redirectWithToast(target, { type: 'success', key: 'staff.toastNormSetSaved' }) : fail(result.errors)
}

export const meta: Route.MetaFunction = ({ params }) => [{ title: `Normen ${params.year} · Medewerkers · Keurmerkportaal` }]

export default function NormSetEditor({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, set, status, version, previousYear, diff, selected } = loaderData
	const errors = actionData && !actionData.success ? actionData : undefined
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
	if (selected) return <NormForm year={year} norm={selected} version={version} editable={editable} errors={errors} />
	return (
		<div className="stack">
			<p>
				<Link to={`/medewerkers/jaren/${year}`}>← {t('staff.yearTitle', { year })}</Link>
			</p>
			<h1>
				{t('staff.normSetOf', { year })} <span className={`badge badge--${status === 'published' ? 'success' : 'warning'}`}>{t(status === 'published' ? 'staff.published' : 'staff.draft')}</span>
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
						<li>{t('staff.diffNormsChanged', { list: diff.norms.changed.map((change) => `${change.next.code} (${change.fields.join(', ')})`).join('; ') || '–' })}</li>
						<li>{t('staff.diffNormsAdded', { list: diff.norms.added.map((norm) => `${norm.code} ${norm.title}`).join('; ') || '–' })}</li>
						<li>{t('staff.diffNormsRemoved', { list: diff.norms.removed.map((norm) => `${norm.code} ${norm.title}`).join('; ') || '–' })}</li>
						<li>{t('staff.diffCriteriaChanged', { list: diff.criteria.changed.map((change) => `${change.next.code} (${change.fields.join(', ')})`).join('; ') || '–' })}</li>
						<li>{t('staff.diffCriteriaAdded', { list: diff.criteria.added.map((ref) => ref.code).join(', ') || '–' })}</li>
						<li>{t('staff.diffCriteriaRemoved', { list: diff.criteria.removed.map((ref) => ref.code).join(', ') || '–' })}</li>
						<li>{t('staff.diffCriteriaMoved', { list: diff.criteria.moved.map((change) => `${change.previous.code} → ${change.next.code}`).join(', ') || '–' })}</li>
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
								<InputField id={`theme-title-${theme.key}`} name="title" label={t('staff.columnTitle')} defaultValue={theme.title} />
								<TextareaField id={`theme-intro-${theme.key}`} name="introduction" label={t('staff.introduction')} defaultValue={theme.introduction ?? ''} rows={3} />
								<SubmitButton name="intent" value="theme" className="button button--small">
									{t('staff.save')}
								</SubmitButton>
							</Form>
						</details>
					) : null}
					<ol>
						{theme.norms.map((norm) => (
							<li key={norm.key}>
								<Link to={`?norm=${norm.key}`}>
									{t('staff.normHeading', { code: norm.code, title: norm.title })}
								</Link>{' '}
								({t('staff.criteriaCount', { count: norm.criteria.length })})
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

function NormForm({ year, norm, version, editable, errors }: { year: number; norm: Norm; version: number; editable: boolean; errors?: { formErrors: string[] } }) {
	const t = useT()
	const applicability = APPLICABILITIES.map((value) => ({ value, label: t(`staff.applies_${value}`) }))
	return (
		<div className="stack">
			<p>
				<Link to={`/medewerkers/normen/${year}`}>← {t('staff.normSetOf', { year })}</Link>
			</p>
			<h1>{t('staff.normHeading', { code: norm.code, title: norm.title })}</h1>
			<ErrorSummary formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<input type="hidden" name="version" value={version} />
				<input type="hidden" name="norm" value={norm.key} />
				<fieldset disabled={!editable} className="stack">
					<legend className="visually-hidden">{norm.title}</legend>
					<div className="staff-grid">
						<InputField name="code" label={t('staff.code')} defaultValue={norm.code} />
						<SelectField name="appliesTo" label={t('staff.appliesTo')} defaultValue={norm.appliesTo} options={applicability} />
					</div>
					<InputField name="title" label={t('staff.columnTitle')} defaultValue={norm.title} />
					<TextareaField name="explanation" label={t('staff.explanation')} defaultValue={norm.explanation} rows={4} />
					<TextareaField name="safeguards" label={t('staff.safeguards')} hint={t('staff.oneLineEach')} defaultValue={norm.safeguards.join('\n')} rows={3} />
					<TextareaField name="clientPromise" label={t('staff.clientPromise')} defaultValue={norm.clientPromise ?? ''} rows={2} />
					{norm.criteria.map((criterion, index) => (
						<fieldset key={criterion.key} className="panel stack">
							<legend>{t('staff.criterionN', { code: criterion.code })}</legend>
							<div className="staff-grid">
								<InputField id={`c${index}-code`} name={`c${index}.code`} label={t('staff.code')} defaultValue={criterion.code} />
								<InputField id={`c${index}-group`} name={`c${index}.group`} label={t('staff.group')} hint={t('staff.groupHint')} inputMode="numeric" defaultValue={String(criterion.group)} />
								<SelectField id={`c${index}-applies`} name={`c${index}.appliesTo`} label={t('staff.appliesTo')} defaultValue={criterion.appliesTo ?? ''} options={[{ value: '', label: t('staff.appliesAsNorm') }, ...applicability]} />
							</div>
							<TextareaField id={`c${index}-text`} name={`c${index}.text`} label={t('staff.criterionText')} defaultValue={criterion.text} rows={3} />
							<TextareaField id={`c${index}-guidance`} name={`c${index}.guidance`} label={t('staff.guidance')} defaultValue={criterion.guidance ?? ''} rows={2} />
							<TextareaField id={`c${index}-met`} name={`c${index}.frameMet`} label={t('staff.frameMet')} defaultValue={criterion.assessmentFrame.met} rows={2} />
							<TextareaField id={`c${index}-notmet`} name={`c${index}.frameNotMet`} label={t('staff.frameNotMet')} defaultValue={criterion.assessmentFrame.notMet} rows={2} />
							<TextareaField id={`c${index}-evidence`} name={`c${index}.evidence`} label={t('staff.evidenceItems')} hint={t('staff.evidenceHint')} defaultValue={JSON.stringify(criterion.evidence, null, 2)} rows={8} className="mono" />
							<CheckboxField id={`c${index}-remove`} name={`c${index}.remove`} label={t('staff.removeCriterion', { code: criterion.code })} />
						</fieldset>
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

export const ErrorBoundary = StaffErrorBoundary
