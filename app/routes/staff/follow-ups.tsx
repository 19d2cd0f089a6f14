// /medewerkers/toezeggingen: every promised later delivery of a year (issue 16 item 9), the overdue
// ones flagged, with what was delivered; staff accept or reject a delivery (audited).
import { data, Form } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/follow-ups'
import { DateTime, StaffErrorBoundary, YearPicker } from './ui.tsx'
import { chosenYear } from './year-param.server.ts'
import { ErrorSummary, InputField, SubmitButton } from '#app/components/forms.tsx'
import { isAppError } from '#app/domain/errors.ts'
import { useT } from '#app/i18n/react.tsx'
import { formDataToValues, parseForm, refusalFailure, readForm } from '#app/lib/forms.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { listFollowUps, reviewFollowUp } from '#app/services/follow-ups.server.ts'
import { participationYears } from '#app/services/staff-participations.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const reviewSchema = z.object({
	followUpId: z.string().min(1).max(64),
	decision: z.enum(['accepted', 'rejected']),
	note: z.string().trim().max(2000).default(''),
})

export async function loader({ request }: Route.LoaderArgs) {
	await requireStaff(request)
	const years = await participationYears()
	const year = chosenYear(new URL(request.url), years)
	const rows = await listFollowUps(year)
	return {
		years,
		year,
		followUps: rows.map((row) => ({
			id: row.id,
			provider: row.participation.provider.name,
			participationId: row.participationId,
			criterionCode: row.criterionCode,
			description: row.description,
			dueAt: row.dueAt,
			status: row.status,
			overdue: row.overdue,
			delivery: row.deliveryNumber ?? row.deliveryText,
			deliveredAt: row.deliveredAt,
		})),
	}
}

export async function action({ request }: Route.ActionArgs) {
	const user = await requireStaff(request)
	const formData = await readForm(request)
	const form = parseForm(reviewSchema, formData)
	if (!form.success) return data(form, { status: 400 })
	try {
		await reviewFollowUp(form.data.followUpId, form.data, { type: 'staff', userId: user.id })
	} catch (error) {
		if (!isAppError(error)) throw error
		return data(refusalFailure(error, await getLocale(request, user), formDataToValues(formData)), {
			status: error.status,
		})
	}
	const url = new URL(request.url)
	return redirectWithToast(url.pathname + url.search, { type: 'success', key: 'staff.toastFollowUpReviewed' })
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.followUps', 'meta.staff'])

export default function StaffFollowUps({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { years, year, followUps } = loaderData
	const failed = actionData && !actionData.success ? actionData : undefined
	return (
		<div className="stack">
			<h1>{t('staff.followUpsTitle')}</h1>
			<p>{t('staff.followUpsIntro')}</p>
			<YearPicker years={years} year={year} />
			{failed ? <ErrorSummary fieldErrors={failed.fieldErrors} formErrors={failed.formErrors} /> : null}
			{followUps.length === 0 ? (
				<p className="empty-state">{t('staff.followUpsNone')}</p>
			) : (
				<table className="table" data-testid="follow-ups">
					<thead>
						<tr>
							<th scope="col">{t('staff.columnProvider')}</th>
							<th scope="col">{t('staff.followUpCriterion')}</th>
							<th scope="col">{t('staff.followUpDue')}</th>
							<th scope="col">{t('staff.followUpStatus')}</th>
							<th scope="col">{t('staff.followUpDelivery')}</th>
						</tr>
					</thead>
					<tbody>
						{followUps.map((followUp) => (
							<tr key={followUp.id}>
								<td>{followUp.provider}</td>
								<td>
									{followUp.criterionCode}: {followUp.description}
								</td>
								<td>
									<DateTime value={followUp.dueAt} dateOnly />
									{followUp.overdue ? <span className="badge badge--danger"> {t('staff.followUpOverdue')}</span> : null}
								</td>
								<td>{t(`staff.followUpStatus_${followUp.status}`)}</td>
								<td>
									{followUp.delivery !== null ? (
										<>
											{followUp.delivery} · <DateTime value={followUp.deliveredAt} dateOnly />
										</>
									) : (
										'–'
									)}
									{followUp.status === 'delivered' ? (
										<Form method="post" className="form form--inline">
											<input type="hidden" name="followUpId" value={followUp.id} />
											<InputField
												name="note"
												label={t('staff.followUpNote', { provider: followUp.provider })}
												defaultValue=""
											/>
											<SubmitButton name="decision" value="accepted">
												{t('staff.followUpAccept')}
											</SubmitButton>
											<SubmitButton name="decision" value="rejected">
												{t('staff.followUpReject')}
											</SubmitButton>
										</Form>
									) : null}
								</td>
							</tr>
						))}
					</tbody>
				</table>
			)}
		</div>
	)
}

export const ErrorBoundary = StaffErrorBoundary
