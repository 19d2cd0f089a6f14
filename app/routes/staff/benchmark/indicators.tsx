// /medewerkers/spiegelrapportage/indicatoren/:year — the indicator list of a year (DOMAIN.md §9),
// kept like the norm set: created as a copy of the latest earlier list (or the standard list),
// edited as a draft, published; and the year's delivery settings (window, due date, minimum group
// size, reminders), which stay editable. Assessors read; administrators change (audited).
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/indicators'
import { indicatorLabel } from '#app/i18n/benchmark-report.ts'
import { ErrorSummary, InputField, SelectField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import {
	BETTER_DIRECTIONS,
	deliverySettingsSchema,
	INDICATOR_UNITS,
	type IndicatorDefinition,
	indicatorDefinitionSchema,
} from '#app/domain/benchmark-indicators.ts'
import { isAppError } from '#app/domain/errors.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { translateError } from '#app/i18n/errors.ts'
import { useT } from '#app/i18n/react.tsx'
import { type FormValues, formFailure, parseForm, readForm } from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	createIndicatorSet,
	loadIndicatorSet,
	publishIndicatorSet,
	removeIndicator,
	saveDeliverySettings,
	saveIndicator,
	toDefinition,
	toDeliverySettings,
	previousIndicatorYear,
} from '#app/services/benchmark-indicators.server.ts'
import { findMarkYear } from '#app/services/years-admin.server.ts'
import { StaffErrorBoundary, useStaffRole } from '../ui.tsx'
import { pageMeta } from '#app/i18n/meta.ts'

function parseYearParam(raw: string | undefined): number {
	const year = Number(raw)
	invariantResponse(/^\d{4}$/.test(raw ?? '') && year >= 2000 && year <= 2100, 'Niet gevonden')
	return year
}

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const year = parseYearParam(params.year)
	const markYear = await findMarkYear(year)
	invariantResponse(markYear, 'Niet gevonden')
	const locale = await getLocale(request, user)
	const set = await loadIndicatorSet(year)
	const previousYear = await previousIndicatorYear(year)
	const editCode = new URL(request.url).searchParams.get('bewerk')
	const indicators = set?.indicators.map(toDefinition) ?? []
	return {
		year,
		previousYear,
		set: set
			? {
					status: set.status,
					version: set.version,
					basedOnYear: set.basedOnYear,
					publishedAt: set.publishedAt,
					settings: toDeliverySettings(set),
				}
			: null,
		indicators: indicators.map((indicator) => ({ ...indicator, label: indicatorLabel(indicator, locale) })),
		editing:
			set?.status === 'draft' && editCode
				? editCode === 'nieuw'
					? { originalCode: null, definition: null }
					: (() => {
							const found = indicators.find((indicator) => indicator.code === editCode)
							return found ? { originalCode: found.code, definition: found } : null
						})()
				: null,
	}
}

const intentSchema = z.object({
	intent: z.enum(['create', 'publish', 'settings', 'save', 'remove']),
	version: z.coerce.number().int().min(0).default(0),
	originalCode: z.string().max(40).optional(),
	code: z.string().max(40).optional(),
})

const settingsForm = z.object({
	deliveryOpensOn: z.string(),
	deliveryDueOn: z.string(),
	minGroupSize: z.string(),
	reminderDaysBefore: z
		.string()
		.max(60)
		.transform((value) =>
			value
				.split(/[\s,;]+/)
				.filter(Boolean)
				.map(Number),
		),
})

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const year = parseYearParam(params.year)
	const locale = await getLocale(request, user)
	const formData = await readForm(request)
	const intent = intentSchema.safeParse(Object.fromEntries(formData))
	invariantResponse(intent.success, 'Ongeldig verzoek', { status: 400 })
	const actor = { type: 'staff' as const, userId: user.id }
	const here = href('/medewerkers/spiegelrapportage/indicatoren/:year', { year: String(year) })
	const { version } = intent.data
	try {
		switch (intent.data.intent) {
			case 'create':
				await createIndicatorSet(actor, year)
				return redirectWithToast(here, { type: 'success', key: 'benchmark.toastListCreated' })
			case 'publish':
				await publishIndicatorSet(actor, { year, expectedVersion: version })
				return redirectWithToast(here, { type: 'success', key: 'benchmark.toastListPublished' })
			case 'remove':
				await removeIndicator(actor, { year, expectedVersion: version, code: intent.data.code ?? '' })
				return redirectWithToast(here, { type: 'success', key: 'benchmark.toastIndicatorRemoved' })
			case 'settings': {
				const form = parseForm(settingsForm, formData)
				const parsed = form.success ? deliverySettingsSchema.safeParse(form.data) : null
				if (!parsed?.success) {
					const failed = form.success ? parseForm(z.never(), formData) : form
					const issues = parsed && !parsed.success ? parsed.error.issues : []
					return data(
						{
							...formFailure({
								fieldErrors: Object.fromEntries(
									issues.map((issue) => [issue.path.join('.') || 'deliveryDueOn', [issue.message]]),
								),
								values: failed.success ? {} : failed.values,
							}),
							form: 'settings',
						},
						{ status: 400 },
					)
				}
				await saveDeliverySettings(actor, { year, expectedVersion: version, settings: parsed.data })
				return redirectWithToast(here, { type: 'success', key: 'benchmark.toastSettingsSaved' })
			}
			case 'save': {
				const form = parseForm(indicatorDefinitionSchema, formData)
				if (!form.success) return data({ ...form, form: 'indicator' }, { status: 400 })
				await saveIndicator(actor, {
					year,
					expectedVersion: version,
					originalCode: intent.data.originalCode || null,
					definition: form.data as IndicatorDefinition,
				})
				return redirectWithToast(here, { type: 'success', key: 'benchmark.toastIndicatorSaved' })
			}
		}
	} catch (error) {
		if (isAppError(error) && error.status !== 404)
			return data(
				{
					...formFailure({ formErrors: [translateError(error, locale)], values: formDataValues(formData) }),
					form: intent.data.intent === 'save' ? 'indicator' : 'settings',
				},
				{ status: error.status },
			)
		throw error
	}
}

function formDataValues(formData: FormData): FormValues {
	return Object.fromEntries(
		[...formData.entries()].filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
	)
}

type Failure = { fieldErrors: Record<string, string[]>; formErrors: string[]; values: FormValues; form: string }

export default function IndicatorsPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, set, indicators, editing, previousYear } = loaderData
	const failed = actionData as Failure | undefined
	const admin = role === 'admin'
	const draft = set?.status === 'draft'
	return (
		<div className="stack">
			<p>
				<Link to="/medewerkers/spiegelrapportage">{t('benchmark.backToStaff')}</Link>
			</p>
			<h1>{t('benchmark.listTitle', { year })}</h1>
			{!set ? (
				<div className="stack">
					<p className="empty-state">{t('benchmark.listEmpty', { year })}</p>
					{admin ? (
						<Form method="post">
							<input type="hidden" name="intent" value="create" />
							<SubmitButton>
								{previousYear
									? t('benchmark.listCreateCopy', { year: previousYear })
									: t('benchmark.listCreateStandard')}
							</SubmitButton>
						</Form>
					) : null}
				</div>
			) : (
				<>
					<p className={`panel ${draft ? 'panel--info' : 'panel--success'}`}>
						{draft ? t('benchmark.listDraftNotice') : t('benchmark.listPublishedNotice')}
						{set.basedOnYear ? ` ${t('benchmark.listBasedOn', { year: set.basedOnYear })}` : ''}
					</p>
					<ErrorSummary fieldErrors={failed?.fieldErrors} formErrors={failed?.formErrors} />
					<table className="table table--compact">
						<caption className="visually-hidden">{t('benchmark.listTitle', { year })}</caption>
						<thead>
							<tr>
								<th scope="col">{t('benchmark.fieldCode')}</th>
								<th scope="col">{t('benchmark.tableIndicator')}</th>
								<th scope="col">{t('benchmark.fieldUnit')}</th>
								<th scope="col">{t('benchmark.fieldRange')}</th>
								<th scope="col">{t('benchmark.fieldBetter')}</th>
								<th scope="col">{t('benchmark.fieldNormCode')}</th>
								{draft && admin ? <th scope="col">{t('benchmark.tableAction')}</th> : null}
							</tr>
						</thead>
						<tbody>
							{indicators.map((indicator) => (
								<tr key={indicator.code}>
									<td>
										<code>{indicator.code}</code>
									</td>
									<th scope="row">{indicator.label}</th>
									<td>{t(`benchmark.unit_${indicator.unit}` as MessageKey)}</td>
									<td>
										{indicator.minValue} – {indicator.maxValue}
									</td>
									<td>{t(`benchmark.better_${indicator.better}` as MessageKey)}</td>
									<td>{indicator.normCode ?? '—'}</td>
									{draft && admin ? (
										<td className="button-row">
											<Link className="button button--small" to={`?bewerk=${indicator.code}`}>
												{t('benchmark.edit')}
											</Link>
											<Form method="post">
												<input type="hidden" name="intent" value="remove" />
												<input type="hidden" name="version" value={set.version} />
												<input type="hidden" name="code" value={indicator.code} />
												<button
													type="submit"
													className="button button--small button--danger"
													aria-label={t('benchmark.removeLabel', { label: indicator.label })}
												>
													{t('benchmark.remove')}
												</button>
											</Form>
										</td>
									) : null}
								</tr>
							))}
						</tbody>
					</table>
					{draft && admin ? (
						<div className="button-row">
							<Link className="button" to="?bewerk=nieuw">
								{t('benchmark.addIndicator')}
							</Link>
							<Form method="post">
								<input type="hidden" name="intent" value="publish" />
								<input type="hidden" name="version" value={set.version} />
								<SubmitButton>{t('benchmark.publish')}</SubmitButton>
							</Form>
						</div>
					) : null}
					{editing && admin ? (
						<IndicatorForm
							version={set.version}
							originalCode={editing.originalCode}
							definition={editing.definition}
							failed={failed?.form === 'indicator' ? failed : undefined}
						/>
					) : null}
					<SettingsForm
						version={set.version}
						settings={set.settings}
						readOnly={!admin}
						failed={failed?.form === 'settings' ? failed : undefined}
					/>
				</>
			)}
		</div>
	)
}

function IndicatorForm({
	version,
	originalCode,
	definition,
	failed,
}: {
	version: number
	originalCode: string | null
	definition: IndicatorDefinition | null
	failed?: Failure
}) {
	const t = useT()
	const value = (name: keyof IndicatorDefinition) => {
		const typed = failed?.values[name]
		if (typeof typed === 'string') return typed
		const stored = definition?.[name]
		return stored === null || stored === undefined ? '' : String(stored)
	}
	const errors = (name: string) => failed?.fieldErrors[name]
	return (
		<Form method="post" className="form stack panel panel--muted">
			<h2>{originalCode ? t('benchmark.editIndicator', { code: originalCode }) : t('benchmark.addIndicator')}</h2>
			<input type="hidden" name="intent" value="save" />
			<input type="hidden" name="version" value={version} />
			<input type="hidden" name="originalCode" value={originalCode ?? ''} />
			<InputField
				name="code"
				label={t('benchmark.fieldCode')}
				hint={t('benchmark.fieldCodeHint')}
				defaultValue={value('code')}
				errors={errors('code')}
				required
			/>
			<InputField
				name="labelNl"
				label={t('benchmark.fieldLabelNl')}
				defaultValue={value('labelNl')}
				errors={errors('labelNl')}
				required
			/>
			<InputField
				name="labelEn"
				label={t('benchmark.fieldLabelEn')}
				defaultValue={value('labelEn')}
				errors={errors('labelEn')}
				required
			/>
			<TextareaField
				name="helpNl"
				label={t('benchmark.fieldHelpNl')}
				defaultValue={value('helpNl')}
				errors={errors('helpNl')}
				rows={2}
			/>
			<TextareaField
				name="helpEn"
				label={t('benchmark.fieldHelpEn')}
				defaultValue={value('helpEn')}
				errors={errors('helpEn')}
				rows={2}
			/>
			<SelectField
				name="unit"
				label={t('benchmark.fieldUnit')}
				defaultValue={value('unit') || 'count'}
				options={INDICATOR_UNITS.map((unit) => ({ value: unit, label: t(`benchmark.unit_${unit}` as MessageKey) }))}
				errors={errors('unit')}
			/>
			<InputField
				name="minValue"
				label={t('benchmark.fieldMin')}
				inputMode="decimal"
				defaultValue={value('minValue') || '0'}
				errors={errors('minValue')}
			/>
			<InputField
				name="maxValue"
				label={t('benchmark.fieldMax')}
				inputMode="decimal"
				defaultValue={value('maxValue')}
				errors={errors('maxValue')}
			/>
			<InputField
				name="decimals"
				label={t('benchmark.fieldDecimals')}
				inputMode="numeric"
				defaultValue={value('decimals') || '0'}
				errors={errors('decimals')}
			/>
			<SelectField
				name="better"
				label={t('benchmark.fieldBetter')}
				defaultValue={value('better') || 'neither'}
				options={BETTER_DIRECTIONS.map((better) => ({
					value: better,
					label: t(`benchmark.better_${better}` as MessageKey),
				}))}
				errors={errors('better')}
			/>
			<InputField
				name="normCode"
				label={t('benchmark.fieldNormCode')}
				defaultValue={value('normCode')}
				errors={errors('normCode')}
			/>
			<InputField
				name="normNote"
				label={t('benchmark.fieldNormNote')}
				defaultValue={value('normNote')}
				errors={errors('normNote')}
			/>
			<div className="button-row">
				<SubmitButton>{t('benchmark.saveIndicator')}</SubmitButton>
				<Link to=".">{t('benchmark.cancel')}</Link>
			</div>
		</Form>
	)
}

function SettingsForm({
	version,
	settings,
	readOnly,
	failed,
}: {
	version: number
	settings: { deliveryOpensOn: string; deliveryDueOn: string; minGroupSize: number; reminderDaysBefore: number[] }
	readOnly: boolean
	failed?: Failure
}) {
	const t = useT()
	const value = (name: string, stored: string) => {
		const typed = failed?.values[name]
		return typeof typed === 'string' ? typed : stored
	}
	return (
		<Form method="post" className="form stack">
			<h2>{t('benchmark.settingsTitle')}</h2>
			<input type="hidden" name="intent" value="settings" />
			<input type="hidden" name="version" value={version} />
			<fieldset disabled={readOnly} className="stack">
				<legend className="visually-hidden">{t('benchmark.settingsTitle')}</legend>
				<InputField
					type="date"
					name="deliveryOpensOn"
					label={t('benchmark.fieldOpensOn')}
					defaultValue={value('deliveryOpensOn', settings.deliveryOpensOn)}
					errors={failed?.fieldErrors.deliveryOpensOn}
				/>
				<InputField
					type="date"
					name="deliveryDueOn"
					label={t('benchmark.fieldDueOn')}
					hint={t('benchmark.fieldDueOnHint')}
					defaultValue={value('deliveryDueOn', settings.deliveryDueOn)}
					errors={failed?.fieldErrors.deliveryDueOn}
				/>
				<InputField
					name="minGroupSize"
					inputMode="numeric"
					label={t('benchmark.fieldMinGroupSize')}
					hint={t('benchmark.fieldMinGroupSizeHint')}
					defaultValue={value('minGroupSize', String(settings.minGroupSize))}
					errors={failed?.fieldErrors.minGroupSize}
				/>
				<InputField
					name="reminderDaysBefore"
					label={t('benchmark.fieldReminders')}
					hint={t('benchmark.fieldRemindersHint')}
					defaultValue={value('reminderDaysBefore', settings.reminderDaysBefore.join(', '))}
					errors={failed?.fieldErrors.reminderDaysBefore}
				/>
				{readOnly ? null : <SubmitButton className="button">{t('benchmark.saveSettings')}</SubmitButton>}
			</fieldset>
		</Form>
	)
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(
		args,
		args.loaderData ? [['meta.indicatorsYear', { year: args.loaderData.year }], 'meta.staff'] : ['meta.indicators'],
	)

export const ErrorBoundary = StaffErrorBoundary
