// /medewerkers/kennisnetwerk/themas/:year — the year's list of themes (issue 18), kept by staff:
// the self-evaluation's 5.2 and 6.2 offer exactly this list. A year starts as a copy of the latest
// earlier list; a theme a carrier has chosen keeps its words (renaming or removing it is refused).
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/themes'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { ConsultationErrorBoundary } from '#app/routes/consultation/ui.tsx'
import { parseYear } from '#app/routes/consultation/reader.server.ts'
import { useT } from '#app/i18n/react.tsx'
import { echoField, echoFields, formDataToValues, parseForm, readForm } from '#app/lib/forms.ts'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	addTheme,
	removeTheme,
	renameTheme,
	startThemeList,
	themeYears,
	yearThemes,
} from '#app/services/network.server.ts'
import { useStaffRole } from '../ui.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

const label = z.string().trim().min(2, 'network.errorTheme').max(120, 'network.errorTheme')
const schemas = {
	add: z.object({ label }),
	rename: z.object({ from: z.string().max(200), label }),
	remove: z.object({ from: z.string().max(200) }),
	start: z.object({}),
}

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const year = parseYear(params.year)
	const years = await themeYears()
	if (!years.some((entry) => entry.year === year)) notFound()
	return { year, themes: await yearThemes(year) }
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const year = parseYear(params.year)
	const actor = { type: 'staff' as const, userId: user.id }
	const formData = await readForm(request)
	const values = formDataToValues(formData)
	const intent = values.intent
	if (intent !== 'add' && intent !== 'rename' && intent !== 'remove' && intent !== 'start') notFound()
	const form = parseForm(schemas[intent], formData)
	if (!form.success) return data({ ...form, intent, from: echoField(formData, 'from') }, { status: 400 })
	try {
		const input = form.data as { label?: string; from?: string }
		if (intent === 'add') await addTheme(actor, year, input.label as string)
		if (intent === 'rename') await renameTheme(actor, year, input.from as string, input.label as string)
		if (intent === 'remove') await removeTheme(actor, year, input.from as string)
		if (intent === 'start') await startThemeList(actor, year)
	} catch (error) {
		return answerRefusal(
			error,
			await getLocale(request, user),
			echoFields(formData, (name) => name === 'intent' || name === 'label' || name === 'from'),
		)
	}
	return redirectWithToast(href('/medewerkers/kennisnetwerk/themas/:year', { year: String(year) }), {
		type: 'success',
		key: 'network.toastThemesSaved',
	})
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [['meta.themesYear', { year: args.params.year }], 'meta.network', 'meta.staff'])

export default function ThemesPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, themes } = loaderData
	const failure = actionData && !actionData.success ? actionData : undefined
	const admin = role === 'admin'
	return (
		<div className="stack">
			<p>
				<Link to={`${href('/medewerkers/kennisnetwerk')}?jaar=${year}`}>{t('network.backToMatrix')}</Link>
			</p>
			<h1>{t('network.themesListTitle', { year })}</h1>
			<p className="lead">{t('network.themesListIntro')}</p>
			<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
			{themes.length === 0 ? (
				<div className="panel stack">
					<p>{t('network.noList', { year })}</p>
					{admin ? (
						<Form method="post">
							<SubmitButton name="intent" value="start">
								{t('network.startList')}
							</SubmitButton>
						</Form>
					) : null}
				</div>
			) : (
				<ol className="stack">
					{themes.map((theme, index) => (
						<li key={theme}>
							{admin ? (
								<div className="form form--inline">
									<Form method="post" className="form form--inline">
										<input type="hidden" name="from" value={theme} />
										<InputField
											id={`theme-${index}`}
											name="label"
											label={t('network.themeN', { n: index + 1 })}
											defaultValue={theme}
											maxLength={120}
										/>
										<SubmitButton name="intent" value="rename" className="button button--small">
											{t('network.rename')}
										</SubmitButton>
									</Form>
									<Form method="post">
										<input type="hidden" name="from" value={theme} />
										<SubmitButton name="intent" value="remove" className="button button--small button--danger">
											{t('network.remove')}
										</SubmitButton>
									</Form>
								</div>
							) : (
								theme
							)}
						</li>
					))}
				</ol>
			)}
			{admin && themes.length > 0 ? (
				<Form method="post" className="form form--inline panel">
					<InputField
						name="label"
						label={t('network.newTheme')}
						maxLength={120}
						errors={failure && 'intent' in failure && failure.intent === 'add' ? failure.fieldErrors.label : undefined}
					/>
					<SubmitButton name="intent" value="add" className="button button--small">
						{t('network.add')}
					</SubmitButton>
				</Form>
			) : null}
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
