// /aanbieder/:providerId/toezeggingen: what the carrier promised at its qualification to deliver
// later (issue 16 item 9; 003 norm 1 NB: the CQ scale score "vóór 1 september 2018"), with the
// due date, and a form to deliver it. Another provider's follow-up is a 404 (the service checks).
import { data, Form, href } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/follow-ups'
import { ErrorSummary, InputField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { isAppError } from '#app/domain/errors.ts'
import { isFollowUpOverdue } from '#app/domain/follow-ups.ts'
import { useT } from '#app/i18n/react.tsx'
import { echoField, echoValues, formFailure, parseForm, refusalFailure, readForm } from '#app/lib/forms.ts'
import { now } from '#app/lib/clock.server.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { deliverFollowUp, providerFollowUps } from '#app/services/follow-ups.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

const deliverySchema = z.object({
	followUpId: z.string().min(1).max(64),
	deliver: z.enum(['number', 'text']),
	// A score like the CQ scale score: Dutch decimal comma or point, at most two decimals.
	number: z.string().trim().max(20).optional(),
	text: z.string().trim().max(5000).optional(),
})

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireProviderMember(request, params.providerId)
	const at = now()
	const rows = await providerFollowUps(params.providerId)
	return {
		followUps: rows.map((row) => ({
			id: row.id,
			year: row.participation.year,
			criterionCode: row.criterionCode,
			description: row.description,
			deliver: row.deliver,
			dueAt: row.dueAt,
			status: row.status,
			overdue: isFollowUpOverdue(row.status, row.dueAt, at),
			deliveredAt: row.deliveredAt,
			deliveryNumber: row.deliveryNumber,
			deliveryText: row.deliveryText,
			reviewNote: row.reviewNote,
		})),
	}
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user } = await requireProviderMember(request, params.providerId)
	const formData = await readForm(request)
	// A failed form comes back with its own fields only, each capped (issue 15).
	const values = echoValues(deliverySchema, formData)
	const form = parseForm(deliverySchema, formData)
	if (!form.success) return data({ ...form, followUpId: echoField(formData, 'followUpId') }, { status: 400 })
	const { followUpId, deliver } = form.data
	const fail = (field: string, message: string) =>
		data({ ...formFailure({ fieldErrors: { [field]: [message] }, values }), followUpId }, { status: 400 })
	let delivery: { number: number } | { text: string }
	if (deliver === 'number') {
		const typed = (form.data.number ?? '').replace(',', '.')
		if (!/^\d{1,6}(\.\d{1,2})?$/.test(typed)) return fail('number', 'provider.followUpErrorNumber')
		delivery = { number: Number(typed) }
	} else {
		if ((form.data.text ?? '').length < 20) return fail('text', 'provider.followUpErrorText')
		delivery = { text: form.data.text ?? '' }
	}
	try {
		await deliverFollowUp(params.providerId, followUpId, delivery, {
			type: 'provider',
			userId: user.id,
			ip: clientIp(request, context),
		})
	} catch (error) {
		if (!isAppError(error)) throw error
		if (error.code === 'not_found') throw new Response('Niet gevonden', { status: 404 })
		return data(
			{ ...refusalFailure(error, await getLocale(request, user), values), followUpId },
			{ status: error.status },
		)
	}
	return redirectWithToast(href('/aanbieder/:providerId/toezeggingen', { providerId: params.providerId }), {
		type: 'success',
		key: 'provider.followUpDeliveredToast',
	})
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.followUps'])

export default function FollowUps({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const failed = actionData && !actionData.success ? actionData : undefined
	const { followUps } = loaderData
	return (
		<div className="stack">
			<h1>{t('provider.followUpsTitle')}</h1>
			<p>{t('provider.followUpsIntro')}</p>
			{followUps.length === 0 ? <p className="empty-state">{t('provider.followUpsNone')}</p> : null}
			{followUps.map((followUp) => {
				const errors = failed?.followUpId === followUp.id ? failed : undefined
				const waiting = followUp.status === 'open' || followUp.status === 'rejected'
				return (
					<section key={followUp.id} className="panel stack" aria-labelledby={`follow-up-${followUp.id}`}>
						<h2 id={`follow-up-${followUp.id}`}>
							{t('provider.followUpHeading', { code: followUp.criterionCode, year: followUp.year })}
						</h2>
						<p>{followUp.description}</p>
						<dl className="facts">
							<dt>{t('provider.followUpDue')}</dt>
							<dd>
								<DateTime value={followUp.dueAt} dateOnly />
								{followUp.overdue ? (
									<span className="badge badge--danger"> {t('provider.followUpOverdue')}</span>
								) : null}
							</dd>
							<dt>{t('provider.followUpStatus')}</dt>
							<dd>{t(`provider.followUpStatus_${followUp.status}`)}</dd>
							{followUp.deliveredAt ? (
								<>
									<dt>{t('provider.followUpDelivered')}</dt>
									<dd>
										{followUp.deliveryNumber ?? followUp.deliveryText} · <DateTime value={followUp.deliveredAt} />
									</dd>
								</>
							) : null}
							{followUp.reviewNote ? (
								<>
									<dt>{t('provider.followUpReviewNote')}</dt>
									<dd>{followUp.reviewNote}</dd>
								</>
							) : null}
						</dl>
						{waiting ? (
							<Form method="post" className="form" noValidate>
								{errors ? <ErrorSummary fieldErrors={errors.fieldErrors} formErrors={errors.formErrors} /> : null}
								<input type="hidden" name="followUpId" value={followUp.id} />
								<input type="hidden" name="deliver" value={followUp.deliver} />
								{followUp.deliver === 'number' ? (
									<InputField
										name="number"
										label={t('provider.followUpNumber')}
										hint={t('provider.followUpNumberHint')}
										inputMode="decimal"
										defaultValue={(errors?.values.number as string | undefined) ?? ''}
										errors={errors?.fieldErrors.number}
									/>
								) : (
									<TextareaField
										name="text"
										label={t('provider.followUpText')}
										rows={4}
										defaultValue={(errors?.values.text as string | undefined) ?? ''}
										errors={errors?.fieldErrors.text}
									/>
								)}
								<SubmitButton>{t('provider.followUpSubmit')}</SubmitButton>
							</Form>
						) : null}
					</section>
				)
			})}
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
