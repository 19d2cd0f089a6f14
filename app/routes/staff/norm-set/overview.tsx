// /medewerkers/normen/:year — a year's norm set: its themes and norms, what changed since last
// year, and (for administrators, while it is a draft) the edits of the set as a whole: start as a
// copy of last year, retitle a theme, add a norm, publish. A norm itself is edited on its own page
// (norm.tsx).
import { data, Form, href, Link, redirect } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/overview'
import { editorErrors, editSummary, newNormText } from './+shared/editor.server.ts'
import { yearParams } from './+shared/params.ts'
import { StaffErrorBoundary, useStaffRole } from '../ui.tsx'
import { ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { AppError } from '#app/domain/errors.ts'
import { addNorm, editTheme } from '#app/domain/norm-set-edits.ts'
import { pageMeta } from '#app/i18n/meta.ts'
import { useT } from '#app/i18n/react.tsx'
import { attempt, formDataToValues, formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { invariantResponse, parseParams } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { loadEditor, publishNormSet, saveNormSet, startFromPrevious } from '#app/services/norm-set-editor.server.ts'

const actionSchema = z.discriminatedUnion('intent', [
	z.object({ intent: z.literal('copy') }),
	z.object({ intent: z.literal('publish') }),
	z.object({
		intent: z.literal('theme'),
		version: z.coerce.number().int(),
		theme: z.string().min(1),
		title: z.string().trim().max(500).default(''),
		introduction: z.string().trim().max(5000).default(''),
	}),
	z.object({ intent: z.literal('add_norm'), version: z.coerce.number().int(), theme: z.string().min(1) }),
])

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const { year } = parseParams(yearParams, params)
	// Links from before the editor had a page per norm (?norm=<key>) keep working.
	const legacyNorm = new URL(request.url).searchParams.get('norm')
	if (legacyNorm)
		throw redirect(
			href('/medewerkers/normen/:year/norm/:normKey', { year: String(year), normKey: encodeURIComponent(legacyNorm) }),
		)
	const editor = await loadEditor(year)
	return {
		year,
		set: editor.current?.normSet ?? null,
		status: editor.current?.status ?? null,
		version: editor.version,
		previousYear: editor.previousYear,
		diff: editor.diff,
	}
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	const { year } = parseParams(yearParams, params)
	const formData = await readForm(request)
	const form = parseForm(actionSchema, formData)
	invariantResponse(form.success, 'Ongeldig formulier', { status: 400 })
	const here = href('/medewerkers/normen/:year', { year: String(year) })
	const fail = (error: AppError) =>
		data(formFailure({ formErrors: editorErrors(error, user.locale), values: formDataToValues(formData) }), {
			status: 400,
		})
	const input = form.data
	if (input.intent === 'copy' || input.intent === 'publish') {
		const result = await attempt(() =>
			input.intent === 'copy' ? startFromPrevious(actor, year) : publishNormSet(actor, year),
		)
		if (!result.ok) return fail(result.error)
		return redirectWithToast(here, {
			type: 'success',
			key: input.intent === 'copy' ? 'staff.toastNormSetCopied' : 'staff.toastNormSetPublished',
		})
	}
	const editor = await loadEditor(year)
	const set = editor.current?.normSet
	invariantResponse(set, 'Niet gevonden')
	if (editor.current?.status !== 'draft') return fail(new AppError('norm_set_published'))
	if (input.intent === 'theme') {
		const next = editTheme(set, input.theme, { title: input.title, introduction: input.introduction })
		const result = await attempt(() =>
			saveNormSet(actor, year, next, input.version, editSummary('summaryThemeEdited', { theme: input.theme })),
		)
		if (!result.ok) return fail(result.error)
		return redirectWithToast(here, { type: 'success', key: 'staff.toastNormSetSaved' })
	}
	const added = addNorm(set, input.theme, newNormText)
	invariantResponse(added, 'Niet gevonden')
	const result = await attempt(() =>
		saveNormSet(actor, year, added.set, input.version, editSummary('summaryNormAdded', { code: added.norm.code })),
	)
	if (!result.ok) return fail(result.error)
	return redirectWithToast(`${here}/norm/${added.norm.key}`, { type: 'success', key: 'staff.toastNormSetSaved' })
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [['meta.normsYear', { year: args.params.year ?? '' }], 'meta.staff'])

export default function NormSetOverview({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, set, status, version, previousYear, diff } = loaderData
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
	return (
		<div className="stack">
			<p>
				<Link to={href('/medewerkers/jaren/:year', { year: String(year) })}>← {t('staff.yearTitle', { year })}</Link>
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
								<Link to={href('/medewerkers/normen/:year/norm/:normKey', { year: String(year), normKey: norm.key })}>
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

export const ErrorBoundary = StaffErrorBoundary
