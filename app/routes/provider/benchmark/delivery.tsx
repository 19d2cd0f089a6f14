// /aanbieder/:providerId/spiegelrapportage/:year/aanleveren — the year's indicators as a form that
// saves itself (as the self-evaluation: a stale version is a conflict, never an overwrite), or a
// CSV/XLSX in the portal's template (every error with its row and column, nothing stored from a
// file with errors), and the submission.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/delivery'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { parseDeliveryGrid } from '#app/domain/benchmark-file.ts'
import { parseIndicatorInput } from '#app/domain/benchmark-indicators.ts'
import { isAppError } from '#app/domain/errors.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { translateError } from '#app/i18n/errors.ts'
import { formatDate } from '#app/i18n/format.ts'
import { useT } from '#app/i18n/react.tsx'
import { translate } from '#app/i18n/translate.ts'
import { now } from '#app/lib/clock.server.ts'
import { echoFields, type FieldErrors, type FormValues, readForm } from '#app/lib/forms.ts'
import { DeliveryFileRefused, MAX_DELIVERY_FILE_BYTES, readDeliveryFile } from '#app/lib/spreadsheet.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { UploadRefused, withUploadForm } from '#app/lib/uploads.server.ts'
import { importValues, saveValues, submitDelivery } from '#app/services/benchmark-delivery.server.ts'
import { AutosaveFieldset } from '../self-evaluation/autosave-fieldset.tsx'
import { amsterdamDay } from '../self-evaluation/time.ts'
import { selfEvaluationLinks } from '../self-evaluation/ui.tsx'
import { indicatorHelp, indicatorLabel } from '#app/i18n/benchmark-report.ts'
import stylesheet from './benchmark.css?url'
import {
	actorOf,
	inputValue,
	rangeText,
	requireDelivery,
	unitText,
	valueFieldName,
	fileErrorText,
	valueProblemText,
	versionFieldName,
} from './context.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export const links: Route.LinksFunction = () => [...selfEvaluationLinks(), { rel: 'stylesheet', href: stylesheet }]

const FORM_ID = 'indicatoren'

export async function loader({ request, params }: Route.LoaderArgs) {
	const context = await requireDelivery(request, params)
	const { locale, indicators, values, delivery, settings } = context
	return {
		providerId: context.providerId,
		year: context.year,
		markName: context.markName,
		phase: context.phase,
		opensOn: formatDate(`${settings.deliveryOpensOn}T12:00:00Z`, locale),
		dueOn: formatDate(`${settings.deliveryDueOn}T12:00:00Z`, locale),
		status: delivery?.status ?? null,
		submittedAt: delivery?.submittedAt ?? null,
		reopenedAt: delivery?.reopenedAt ?? null,
		reopenReason: delivery?.reopenReason ?? null,
		missing: context.missing.length,
		today: amsterdamDay(now()),
		indicators: indicators.map((indicator) => {
			const stored = values[indicator.code]
			return {
				code: indicator.code,
				label: indicatorLabel(indicator, locale),
				help: indicatorHelp(indicator, locale),
				unit: unitText(indicator, locale),
				range: rangeText(indicator, locale),
				decimals: indicator.decimals,
				value: inputValue(stored?.value ?? null, locale),
				version: stored?.version ?? 0,
				savedAt: stored?.updatedAt ?? null,
			}
		}),
		maxFileKb: MAX_DELIVERY_FILE_BYTES / 1024,
	}
}

type ActionData = {
	fieldErrors: FieldErrors
	formErrors: string[]
	values: FormValues
	conflicts: { code: string; theirs: string }[]
	fileErrors: string[]
}

function failure(partial: Partial<ActionData>, status: number) {
	return data<ActionData>(
		{ fieldErrors: {}, formErrors: [], values: {}, conflicts: [], fileErrors: [], ...partial },
		{ status },
	)
}

export async function action({ request, params }: Route.ActionArgs) {
	const context = await requireDelivery(request, params)
	const { user, locale, year, providerId, indicators } = context
	const actor = actorOf(user)
	const base = href('/aanbieder/:providerId/spiegelrapportage/:year', { providerId, year: String(year) })
	const here = `${base}/aanleveren`
	const refused = (error: unknown, values: FormValues = {}) => {
		if (isAppError(error)) return failure({ formErrors: [translateError(error, locale)], values }, error.status)
		throw error
	}

	if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
		let file
		try {
			// Within the upload budget, like every upload form; the temporary file goes once it is read.
			file = await withUploadForm(request, (form) => readDeliveryFile(form.file('file')), MAX_DELIVERY_FILE_BYTES)
		} catch (error) {
			if (error instanceof UploadRefused) return failure({ fileErrors: ['benchmark.uploadTooLarge'] }, 413)
			if (error instanceof DeliveryFileRefused) return failure({ fileErrors: [error.key] }, 400)
			throw error
		}
		const parsed = parseDeliveryGrid(file.grid, indicators)
		if (!parsed.ok)
			return failure({ fileErrors: parsed.errors.map((error) => fileErrorText(error, indicators, locale)) }, 400)
		try {
			await importValues(actor, { providerId, year, values: parsed.values, source: file.kind })
		} catch (error) {
			return refused(error)
		}
		return redirectWithToast(here, { type: 'success', key: 'benchmark.toastImported' })
	}

	const formData = await readForm(request)
	const intent = formData.get('intent')
	const fieldErrors: FieldErrors = {}
	const entries: { code: string; expectedVersion: number; value: number | null }[] = []
	for (const indicator of indicators) {
		const rawVersion = formData.get(versionFieldName(indicator.code))
		const raw = formData.get(valueFieldName(indicator.code))
		if (typeof rawVersion !== 'string' || typeof raw !== 'string') continue
		const expectedVersion = Number(rawVersion)
		if (!Number.isInteger(expectedVersion) || expectedVersion < 0 || raw.length > 40) {
			fieldErrors[valueFieldName(indicator.code)] = [translate(locale, 'benchmark.value_not_a_number')]
			continue
		}
		const parsed = parseIndicatorInput(indicator, raw)
		if (!parsed.ok) fieldErrors[valueFieldName(indicator.code)] = [valueProblemText(parsed.problem, indicator, locale)]
		else entries.push({ code: indicator.code, expectedVersion, value: parsed.value })
	}
	// A failed form comes back with the indicator fields only, each capped (issue 15).
	const own = new Set(
		indicators.flatMap((indicator) => [valueFieldName(indicator.code), versionFieldName(indicator.code)]),
	)
	const values = echoFields(formData, (name) => own.has(name))
	if (Object.keys(fieldErrors).length) return failure({ fieldErrors, values }, 400)
	try {
		const results = entries.length ? await saveValues(actor, { providerId, year, values: entries }) : []
		const conflicts = results.flatMap((result) =>
			result.ok ? [] : [{ code: result.code, theirs: inputValue(result.current.value, locale) }],
		)
		if (conflicts.length) return failure({ conflicts, values }, 409)
		if (intent === 'submit') {
			await submitDelivery(actor, { providerId, year })
			return redirectWithToast(base, { type: 'success', key: 'benchmark.toastSubmitted' })
		}
	} catch (error) {
		return refused(error, values)
	}
	return redirectWithToast(here, { type: 'success', key: 'benchmark.toastSaved' })
}

export default function DeliveryPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { providerId, year, indicators, status, phase } = loaderData
	const failed = actionData as ActionData | undefined
	const base = href('/aanbieder/:providerId/spiegelrapportage/:year', { providerId, year: String(year) })
	const editable = status !== 'submitted' && phase !== 'not_open'
	const labels = Object.fromEntries(indicators.map((indicator) => [`${indicator.code}:number`, indicator.label]))
	return (
		<div className="stack benchmark">
			<p>
				<Link to={href('/aanbieder/:providerId/spiegelrapportage', { providerId })}>
					{t('benchmark.backToOverview')}
				</Link>
			</p>
			<h1>{t('benchmark.deliveryTitle', { year })}</h1>
			<p className="lead">{t('benchmark.deliveryLead', { year, markName: loaderData.markName })}</p>
			<DeliveryStatus data={loaderData} />
			<ErrorSummary
				fieldErrors={failed?.fieldErrors}
				labels={labels}
				formErrors={[
					...(failed?.formErrors ?? []),
					...(failed?.conflicts.length ? [t('benchmark.conflictsOnSave', { count: failed.conflicts.length })] : []),
				]}
			/>
			{failed?.fileErrors.length ? (
				<div className="error-summary" role="alert" aria-labelledby="file-errors-title">
					<h2 id="file-errors-title" className="error-summary__title">
						{t('benchmark.fileErrorsTitle', { count: failed.fileErrors.length })}
					</h2>
					<p>{t('benchmark.fileErrorsNothingStored')}</p>
					<ul className="file-errors">
						{failed.fileErrors.map((error) => (
							<li key={error}>{error.startsWith('benchmark.') ? t(error as MessageKey) : error}</li>
						))}
					</ul>
				</div>
			) : null}

			<section aria-labelledby="form-title" className="stack">
				<h2 id="form-title">{t('benchmark.formTitle')}</h2>
				{editable ? <p className="field__hint">{t('benchmark.formHint')}</p> : null}
				<div className="stack benchmark__fields">
					{indicators.map((indicator) => {
						const name = `${indicator.code}:number`
						const conflict = failed?.conflicts.find((entry) => entry.code === indicator.code)
						const typed = failed?.values[name]
						return (
							<AutosaveFieldset
								key={indicator.code}
								evidenceKey={indicator.code}
								roundId={`spiegel-${providerId}-${year}`}
								endpoint={`${base}/waarde`}
								version={indicator.version}
								savedAt={indicator.version && indicator.savedAt ? new Date(indicator.savedAt).toISOString() : null}
								today={loaderData.today}
								editable={editable}
								formId={FORM_ID}
								className="benchmark__field"
							>
								<legend className="visually-hidden">{indicator.label}</legend>
								<InputField
									name={name}
									form={FORM_ID}
									label={`${indicator.label} (${indicator.unit})`}
									hint={[indicator.help, indicator.range].filter(Boolean).join(' ')}
									inputMode="decimal"
									autoComplete="off"
									maxLength={40}
									defaultValue={typeof typed === 'string' ? typed : indicator.value}
									errors={failed?.fieldErrors[name]}
								/>
								{conflict ? (
									<div className="panel panel--warning">
										<p>{t('benchmark.conflictOnPage', { value: conflict.theirs || t('benchmark.empty') })}</p>
									</div>
								) : null}
							</AutosaveFieldset>
						)
					})}
				</div>
				{editable ? (
					<Form id={FORM_ID} method="post" className="button-row">
						<SubmitButton name="intent" value="save" className="button">
							{t('benchmark.save')}
						</SubmitButton>
						<SubmitButton name="intent" value="submit">
							{t('benchmark.submit')}
						</SubmitButton>
					</Form>
				) : null}
			</section>

			{editable ? (
				<section aria-labelledby="file-title" className="stack panel panel--muted">
					<h2 id="file-title">{t('benchmark.fileTitle')}</h2>
					<p>{t('benchmark.fileLead', { kb: loaderData.maxFileKb })}</p>
					<p className="button-row">
						<a className="button button--small" href={`${base}/sjabloon.xlsx`} download>
							{t('benchmark.templateXlsx')}
						</a>
						<a className="button button--small" href={`${base}/sjabloon.csv`} download>
							{t('benchmark.templateCsv')}
						</a>
					</p>
					<Form method="post" encType="multipart/form-data" className="form form--inline">
						<InputField
							name="file"
							id="delivery-file"
							type="file"
							required
							accept=".csv,.xlsx"
							label={t('benchmark.fileLabel')}
							hint={t('benchmark.fileHint')}
						/>
						<SubmitButton className="button">{t('benchmark.fileButton')}</SubmitButton>
					</Form>
				</section>
			) : null}
		</div>
	)
}

function DeliveryStatus({ data: loaderData }: { data: Route.ComponentProps['loaderData'] }) {
	const t = useT()
	const { year, status, phase, dueOn, opensOn, submittedAt, reopenedAt, reopenReason, missing, providerId } = loaderData
	if (status === 'submitted')
		return (
			<div className="panel panel--success">
				<p>
					{t('benchmark.statusSubmitted')} <DateTime value={submittedAt ?? ''} />
				</p>
				<p>
					<Link to={href('/aanbieder/:providerId/spiegelrapportage/:year', { providerId, year: String(year) })}>
						{t('benchmark.viewReport')}
					</Link>
				</p>
			</div>
		)
	return (
		<div className={`panel ${phase === 'late' ? 'panel--warning' : 'panel--info'}`}>
			{phase === 'not_open' ? <p>{t('benchmark.statusNotOpen', { date: opensOn })}</p> : null}
			{phase === 'open' ? <p>{t('benchmark.statusDue', { date: dueOn })}</p> : null}
			{phase === 'late' ? <p>{t('benchmark.statusLate', { date: dueOn })}</p> : null}
			{phase !== 'not_open' ? <p>{t('benchmark.statusMissing', { count: missing })}</p> : null}
			{reopenedAt ? (
				<p>
					{t('benchmark.statusReopened')} <DateTime value={reopenedAt} />
					{reopenReason ? `: ${reopenReason}` : ''}
				</p>
			) : null}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [args.loaderData ? ['meta.benchmarkDelivery', { year: args.loaderData.year }] : 'meta.benchmark'])

export const ErrorBoundary = ProviderErrorBoundary
