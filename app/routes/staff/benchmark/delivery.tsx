// /medewerkers/spiegelrapportage/aanlevering/:deliveryId — one carrier's delivery as staff see it
// (values, status, how it arrived), and reopening it with a reason (audited): the values leave the
// benchmark until the carrier submits again.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/delivery'
import { formatIndicatorValue, indicatorLabel } from '#app/i18n/benchmark-report.ts'
import { ErrorSummary, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { isAppError } from '#app/domain/errors.ts'
import { translateError } from '#app/i18n/errors.ts'
import { useT } from '#app/i18n/react.tsx'
import { clientIp, invariantResponse } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { deliveryForStaff, reopenDelivery } from '#app/services/benchmark-delivery.server.ts'
import { DateTime, StaffErrorBoundary } from '../ui.tsx'
import { readForm } from '#app/lib/forms.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const locale = await getLocale(request, user)
	const delivery = await deliveryForStaff(params.deliveryId)
	invariantResponse(delivery, 'Niet gevonden')
	return {
		id: delivery.id,
		year: delivery.year,
		provider: delivery.provider,
		status: delivery.status,
		submittedAt: delivery.submittedAt,
		reopenedAt: delivery.reopenedAt,
		reopenReason: delivery.reopenReason,
		source: delivery.source,
		values: delivery.indicators.map((indicator) => ({
			code: indicator.code,
			label: indicatorLabel(indicator, locale),
			value: indicator.value === null ? '—' : formatIndicatorValue(indicator, indicator.value, locale),
		})),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const locale = await getLocale(request, user)
	const formData = await readForm(request)
	const reason = String(formData.get('reason') ?? '').slice(0, 2000)
	try {
		const delivery = await reopenDelivery(
			{ type: 'staff', userId: user.id, ip: clientIp(request, context) },
			{ deliveryId: params.deliveryId, reason },
		)
		return redirectWithToast(`${href('/medewerkers/spiegelrapportage')}?jaar=${delivery.year}`, {
			type: 'success',
			key: 'benchmark.toastReopened',
		})
	} catch (error) {
		if (isAppError(error) && error.status !== 404)
			return data(
				{ fieldErrors: { reason: [translateError(error, locale)] }, values: { reason } },
				{ status: error.status },
			)
		throw error
	}
}

export default function StaffDelivery({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const failed = actionData as { fieldErrors: Record<string, string[]>; values: { reason: string } } | undefined
	return (
		<div className="stack">
			<p>
				<Link to={`${href('/medewerkers/spiegelrapportage')}?jaar=${loaderData.year}`}>
					{t('benchmark.backToStaff')}
				</Link>
			</p>
			<h1>{t('benchmark.staffDeliveryTitle', { name: loaderData.provider.name, year: loaderData.year })}</h1>
			<p>
				{t(loaderData.status === 'submitted' ? 'benchmark.statusLabelSubmitted' : 'benchmark.statusLabelDraft')}
				{loaderData.submittedAt ? (
					<>
						{' · '}
						<DateTime value={loaderData.submittedAt} />
					</>
				) : null}
				{loaderData.source ? ` · ${t('benchmark.sourceLabel', { source: loaderData.source.toUpperCase() })}` : ''}
			</p>
			{loaderData.reopenedAt ? (
				<p className="panel panel--info">
					{t('benchmark.statusReopened')} <DateTime value={loaderData.reopenedAt} />: {loaderData.reopenReason}
				</p>
			) : null}
			<table className="table table--compact">
				<thead>
					<tr>
						<th scope="col">{t('benchmark.tableIndicator')}</th>
						<th scope="col" className="numeric">
							{t('benchmark.tableValue')}
						</th>
					</tr>
				</thead>
				<tbody>
					{loaderData.values.map((row) => (
						<tr key={row.code}>
							<th scope="row">{row.label}</th>
							<td className="numeric">{row.value}</td>
						</tr>
					))}
				</tbody>
			</table>
			{loaderData.status === 'submitted' ? (
				<Form method="post" className="form stack panel panel--muted">
					<h2>{t('benchmark.reopenTitle')}</h2>
					<p>{t('benchmark.reopenLead')}</p>
					<ErrorSummary fieldErrors={failed?.fieldErrors} />
					<TextareaField
						name="reason"
						label={t('benchmark.reopenReason')}
						required
						rows={3}
						maxLength={2000}
						defaultValue={failed?.values.reason}
						errors={failed?.fieldErrors.reason}
					/>
					<SubmitButton>{t('benchmark.reopenButton')}</SubmitButton>
				</Form>
			) : null}
		</div>
	)
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.delivery', 'meta.benchmark', 'meta.staff'])

export const ErrorBoundary = StaffErrorBoundary
