import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/year'
import { DateTime, StaffErrorBoundary, useStaffRole } from './ui.tsx'
import { CheckboxField, ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { parseEuroInput } from '#app/domain/fees.ts'
import { YEAR_DATE_FIELDS, YEAR_OPTIONAL_DATE_FIELDS } from '#app/domain/year-settings.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import {
	attempt,
	checkboxField,
	formFailure,
	parseForm,
	refusalData,
	type FieldErrors,
	readForm,
} from '#app/lib/forms.ts'
import { invariantResponse } from '#app/lib/http.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { findMarkYear, publishFeeRate, updateYear } from '#app/services/years-admin.server.ts'
import { toYearSettings } from '#app/services/years.server.ts'
import { formatFeeRate } from '#app/i18n/format.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const NUMBER_FIELDS = [
	'revisionGraceDays',
	'maxRevisions',
	'objectionPeriodDays',
	'assessmentDays',
	'invoicePaymentDays',
	'invoiceOverdueGraceDays',
] as const

// The form is text; the domain's parseYearSettings judges the values (coded issues, shown as
// `refusals.<code>` in the reader's language).
const yearFormSchema = z.object({
	intent: z.string().optional(),
	version: z.coerce.number().int(),
	markName: z.string(),
	turnoverLabel: z.string(),
	feeRate: z.string(),
	minimumFee: z.string(),
	reminderDaysBefore: z.string(),
	fourEyesNegative: checkboxField,
	fourEyesWithdrawal: checkboxField,
	vatNumber: z.string(),
	feeVatRate: z.string(),
	vatExemptionText: z.string(),
	firstSubmissionDeadline: z.string().trim(),
	...Object.fromEntries(YEAR_DATE_FIELDS.map((field) => [field, z.string().trim()])),
	...Object.fromEntries(NUMBER_FIELDS.map((field) => [field, z.string().trim()])),
}) as z.ZodType<
	Record<string, string | number | boolean> & {
		version: number
		fourEyesNegative: boolean
		fourEyesWithdrawal: boolean
	}
>

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const row = await findMarkYear(Number(params.year) || 0)
	invariantResponse(row, 'Niet gevonden')
	return {
		settings: toYearSettings(row),
		version: row.version,
		fourEyesNegative: row.fourEyesNegative,
		fourEyesWithdrawal: row.fourEyesWithdrawal,
		feeRatePublishedAt: row.feeRatePublishedAt,
	}
}

function parsePercentBp(text: string): number | null {
	const match = /^(\d{1,3})(?:[,.](\d{1,2}))?\s*%?$/.exec(text.trim())
	if (!match) return null
	return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0') || 0)
}

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const actor = { type: 'staff' as const, userId: user.id }
	const year = Number(params.year) || 0
	const formData = await readForm(request)
	if (formData.get('intent') === 'publish') {
		const result = await attempt(() => publishFeeRate(actor, year))
		if (!result.ok) return refusalData(result.error, user.locale)
		return redirectWithToast(href('/medewerkers/jaren/:year', { year: String(year) }), {
			type: 'success',
			key: 'staff.toastFeeRatePublished',
		})
	}
	const form = parseForm(yearFormSchema, formData)
	invariantResponse(form.success, 'Ongeldig formulier', { status: 400 })
	const values = form.data
	const fieldErrors: FieldErrors = {}
	const feeRateBp = parsePercentBp(String(values.feeRate))
	if (feeRateBp === null) fieldErrors.feeRate = ['staff.errorFeeRate']
	const minimum = parseEuroInput(String(values.minimumFee))
	if (!minimum.ok) fieldErrors.minimumFee = [`refusals.${minimum.code}`]
	const reminders = String(values.reminderDaysBefore)
		.split(/[,;\s]+/)
		.filter(Boolean)
		.map(Number)
	if (reminders.some((day) => !Number.isInteger(day))) fieldErrors.reminderDaysBefore = ['staff.errorReminders']
	// An empty VAT rate: the fee is exempt and the exemption text is printed (DOMAIN.md §6, issue 16).
	const vatText = String(values.feeVatRate).trim()
	const feeVatRateBp = vatText === '' ? null : parsePercentBp(vatText)
	if (vatText !== '' && feeVatRateBp === null) fieldErrors.feeVatRate = ['staff.errorVatRate']
	const numbers = Object.fromEntries(NUMBER_FIELDS.map((field) => [field, Number(values[field])]))
	for (const field of NUMBER_FIELDS)
		if (String(values[field]) === '' || !Number.isFinite(numbers[field]))
			fieldErrors[field] = ['staff.errorWholeNumber']
	if (Object.keys(fieldErrors).length)
		return data(
			formFailure({
				fieldErrors,
				values: form.success ? (Object.fromEntries(formData.entries()) as Record<string, string>) : {},
			}),
			{ status: 400 },
		)
	const result = await attempt(() =>
		updateYear(
			actor,
			year,
			{
				markName: String(values.markName),
				turnoverLabel: String(values.turnoverLabel),
				feeRateBp: feeRateBp ?? 0,
				minimumFeeCents: minimum.ok ? minimum.cents : 0,
				reminderDaysBefore: reminders,
				...(Object.fromEntries(YEAR_DATE_FIELDS.map((field) => [field, String(values[field])])) as Record<
					(typeof YEAR_DATE_FIELDS)[number],
					string
				>),
				...(numbers as Record<(typeof NUMBER_FIELDS)[number], number>),
				firstSubmissionDeadline: String(values.firstSubmissionDeadline) || null,
				vatNumber: String(values.vatNumber).replace(/[\s.]/g, ''),
				feeVatRateBp,
				vatExemptionText: String(values.vatExemptionText),
				fourEyesNegative: values.fourEyesNegative,
				fourEyesWithdrawal: values.fourEyesWithdrawal,
			},
			values.version,
		),
	)
	if (!result.ok) {
		const submitted = Object.fromEntries([...formData.entries()].map(([key, value]) => [key, String(value)]))
		if (result.error.details.length === 0)
			return refusalData(result.error, user.locale, { values: submitted, status: 400 })
		// One coded issue per field: a message key, shown next to the field in the reader's language.
		const errors: FieldErrors = {}
		const formErrors: string[] = []
		const fieldFor: Record<string, string> = {
			feeRateBp: 'feeRate',
			minimumFeeCents: 'minimumFee',
			feeVatRateBp: 'feeVatRate',
		}
		for (const issue of result.error.details) {
			const path = issue.path.split('.')[0] ?? ''
			const message = `refusals.${issue.code}`
			if (!path) formErrors.push(message)
			else (errors[fieldFor[path] ?? path] ??= []).push(message)
		}
		return data(formFailure({ fieldErrors: errors, formErrors, values: submitted }), { status: 400 })
	}
	return redirectWithToast(href('/medewerkers/jaren/:year', { year: String(year) }), {
		type: 'success',
		key: 'staff.toastYearSaved',
		params: { count: result.value.moved },
	})
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [['meta.year', { year: args.params.year ?? '' }], 'meta.staff'])

export default function Year({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const role = useStaffRole()
	const { settings, version, fourEyesNegative, fourEyesWithdrawal, feeRatePublishedAt } = loaderData
	const errors = actionData && !actionData.success ? actionData : undefined
	const value = (name: string, fallback: string) => (errors?.values[name] as string | undefined) ?? fallback
	const readOnly = role !== 'admin'
	const dateLabels: Record<(typeof YEAR_DATE_FIELDS)[number], string> = {
		normsPublishedOn: t('staff.field_normsPublishedOn'),
		agreementsOfferedOn: t('staff.field_agreementsOfferedOn'),
		feeRatePublishBy: t('staff.field_feeRatePublishBy'),
		applicationOpensOn: t('staff.field_applicationOpensOn'),
		applicationClosesOn: t('staff.field_applicationClosesOn'),
		listingOn: t('staff.field_listingOn'),
		selfEvaluationOpensOn: t('staff.field_selfEvaluationOpensOn'),
		qualificationDeadline: t('staff.qualificationDeadline'),
		turnoverReportDueOn: t('staff.field_turnoverReportDueOn'),
	}
	const numberLabels: Record<(typeof NUMBER_FIELDS)[number], string> = {
		revisionGraceDays: t('staff.field_revisionGraceDays'),
		maxRevisions: t('staff.field_maxRevisions'),
		objectionPeriodDays: t('staff.field_objectionPeriodDays'),
		assessmentDays: t('staff.field_assessmentDays'),
		invoicePaymentDays: t('staff.field_invoicePaymentDays'),
		invoiceOverdueGraceDays: t('staff.field_invoiceOverdueGraceDays'),
	}
	return (
		<div className="stack">
			<p>
				<Link to="/medewerkers/jaren">← {t('staff.yearsTitle')}</Link>
			</p>
			<h1>{t('staff.yearTitle', { year: settings.year })}</h1>
			<p>
				<Link to={href('/medewerkers/normen/:year', { year: String(settings.year) })}>
					{t('staff.normSetOf', { year: settings.year })}
				</Link>
			</p>
			<section className="panel" aria-labelledby="fee-rate">
				<h2 id="fee-rate">{t('staff.feeRate')}</h2>
				{feeRatePublishedAt ? (
					<p>
						{t('staff.feeRatePublishedOn', { rate: formatFeeRate(settings.feeRateBp, locale) })}{' '}
						<DateTime value={feeRatePublishedAt} />
					</p>
				) : role === 'admin' ? (
					<Form method="post">
						<p>{t('staff.feeRatePublishText', { rate: formatFeeRate(settings.feeRateBp, locale) })}</p>
						<SubmitButton name="intent" value="publish">
							{t('staff.feeRatePublishButton')}
						</SubmitButton>
					</Form>
				) : (
					<p>{t('staff.notPublished')}</p>
				)}
			</section>
			<ErrorSummary fieldErrors={errors?.fieldErrors} formErrors={errors?.formErrors} />
			<Form method="post" className="form" noValidate>
				<input type="hidden" name="version" value={version} />
				<fieldset disabled={readOnly} className="stack fieldset-plain">
					<legend className="visually-hidden">{t('staff.yearTitle', { year: settings.year })}</legend>
					<InputField
						name="markName"
						label={t('staff.markName')}
						defaultValue={value('markName', settings.markName)}
						errors={errors?.fieldErrors.markName}
					/>
					<div className="staff-grid">
						{YEAR_DATE_FIELDS.map((field) => (
							<InputField
								key={field}
								name={field}
								type="date"
								label={dateLabels[field]}
								defaultValue={value(field, settings[field])}
								errors={errors?.fieldErrors[field]}
							/>
						))}
					</div>
					<div className="staff-grid">
						{YEAR_OPTIONAL_DATE_FIELDS.map((field) => (
							<InputField
								key={field}
								name={field}
								type="date"
								label={t('staff.field_firstSubmissionDeadline')}
								hint={t('staff.field_firstSubmissionDeadlineHint')}
								defaultValue={value(field, settings[field] ?? '')}
								errors={errors?.fieldErrors[field]}
							/>
						))}
					</div>
					<div className="staff-grid">
						{NUMBER_FIELDS.map((field) => (
							<InputField
								key={field}
								name={field}
								inputMode="numeric"
								label={numberLabels[field]}
								hint={
									field === 'revisionGraceDays'
										? t('staff.field_revisionGraceDaysHint')
										: field === 'assessmentDays'
											? t('staff.field_assessmentDaysHint')
											: undefined
								}
								defaultValue={value(field, String(settings[field]))}
								errors={errors?.fieldErrors[field]}
							/>
						))}
						<InputField
							name="feeRate"
							label={t('staff.feeRatePercent')}
							hint={t('staff.feeRateHint')}
							defaultValue={value('feeRate', formatFeeRate(settings.feeRateBp, 'nl').replace(' %', ''))}
							errors={errors?.fieldErrors.feeRate}
						/>
						<InputField
							name="minimumFee"
							label={t('staff.minimumFee')}
							hint={t('staff.minimumFeeHint')}
							defaultValue={value('minimumFee', (settings.minimumFeeCents / 100).toFixed(2).replace('.', ','))}
							errors={errors?.fieldErrors.minimumFee}
						/>
					</div>
					<InputField
						name="turnoverLabel"
						label={t('staff.turnoverLabel')}
						defaultValue={value('turnoverLabel', settings.turnoverLabel)}
						errors={errors?.fieldErrors.turnoverLabel}
					/>
					<InputField
						name="reminderDaysBefore"
						label={t('staff.reminderDays')}
						hint={t('staff.reminderDaysHint')}
						defaultValue={value('reminderDaysBefore', settings.reminderDaysBefore.join(', '))}
						errors={errors?.fieldErrors.reminderDaysBefore}
					/>
					<fieldset className="stack">
						<legend>{t('staff.vatTitle')}</legend>
						<div className="staff-grid">
							<InputField
								name="vatNumber"
								label={t('staff.field_vatNumber')}
								defaultValue={value('vatNumber', settings.vatNumber)}
								errors={errors?.fieldErrors.vatNumber}
							/>
							<InputField
								name="feeVatRate"
								label={t('staff.field_feeVatRate')}
								hint={t('staff.field_feeVatRateHint')}
								defaultValue={value(
									'feeVatRate',
									settings.feeVatRateBp === null ? '' : formatFeeRate(settings.feeVatRateBp, 'nl').replace(' %', ''),
								)}
								errors={errors?.fieldErrors.feeVatRate}
							/>
						</div>
						<InputField
							name="vatExemptionText"
							label={t('staff.field_vatExemptionText')}
							defaultValue={value('vatExemptionText', settings.vatExemptionText)}
							errors={errors?.fieldErrors.vatExemptionText}
						/>
					</fieldset>
					<CheckboxField
						name="fourEyesNegative"
						label={t('staff.fourEyesSetting')}
						hint={t('staff.fourEyesHint')}
						defaultChecked={fourEyesNegative}
					/>
					<CheckboxField
						name="fourEyesWithdrawal"
						label={t('decisions.fourEyesWithdrawalSetting')}
						hint={t('decisions.fourEyesWithdrawalHint')}
						defaultChecked={fourEyesWithdrawal}
					/>
					{readOnly ? null : (
						<SubmitButton name="intent" value="save" pendingText={t('staff.saving')}>
							{t('staff.saveYear')}
						</SubmitButton>
					)}
				</fieldset>
			</Form>
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
