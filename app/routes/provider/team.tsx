// /aanbieder/:providerId/team: who works in the portal for the organisation. Every member sees
// the team; members with signing authority invite colleagues and change or remove members.
import { data, Form, href } from 'react-router'
import type { Route } from './+types/team'
import { inviteSchema, memberActionSchema } from '#app/services/provider-forms.ts'
import { CheckboxField, ErrorSummary, InputField, SubmitButton, useErrorText } from '#app/components/forms.tsx'
import { ProviderErrorBoundary, typed } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { useT } from '#app/i18n/react.tsx'
import { attempt, formFailure, parseForm, refusalData, readForm } from '#app/lib/forms.ts'
import { clientIp } from '#app/lib/http.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { changeTeamMember, inviteTeamMember, teamMembers } from '#app/services/team.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const { user, membership } = await requireProviderMember(request, params.providerId)
	return { members: await teamMembers(params.providerId), canManage: membership.canSign, userId: user.id }
}

export async function action({ request, params, context }: Route.ActionArgs) {
	const { user } = await requireProviderMember(request, params.providerId, { signing: true })
	const actor = { type: 'provider' as const, userId: user.id, ip: clientIp(request, context) }
	const formData = await readForm(request)
	const back = href('/aanbieder/:providerId/team', { providerId: params.providerId })
	if (formData.get('intent') === 'invite') {
		const form = parseForm(inviteSchema, formData)
		if (!form.success) return data({ ...form, intent: 'invite' }, { status: 400 })
		const result = await attempt(() =>
			inviteTeamMember(params.providerId, actor, { ...form.data, invitedBy: { id: user.id, name: user.name } }),
		)
		if (!result.ok)
			return refusalData(result.error, user.locale, {
				values: { name: form.data.name, email: form.data.email, jobTitle: form.data.jobTitle ?? '' },
				extra: { intent: 'invite' },
				status: 400,
			})
		return redirectWithToast(back, {
			type: 'success',
			key: 'provider.teamInvitedToast',
			params: { email: form.data.email },
		})
	}
	const form = parseForm(memberActionSchema, formData)
	if (!form.success)
		return data({ ...formFailure({ formErrors: ['provider.errorMemberNotFound'] }), intent: 'member' }, { status: 400 })
	const result = await attempt(() =>
		changeTeamMember(params.providerId, actor, form.data.membershipId, form.data.intent),
	)
	if (!result.ok) return refusalData(result.error, user.locale, { extra: { intent: 'member' }, status: 409 })
	// Whoever removed themselves has no access here any more.
	const removedSelf = form.data.intent === 'remove' && result.value.userId === user.id
	return redirectWithToast(removedSelf ? '/account' : back, { type: 'success', key: 'provider.teamChangedToast' })
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.team'])

export default function Team({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const errorText = useErrorText()
	const { members, canManage, userId } = loaderData
	const inviteErrors = actionData && !actionData.success && actionData.intent === 'invite' ? actionData : undefined
	const memberErrors = actionData && !actionData.success && actionData.intent === 'member' ? actionData : undefined
	return (
		<div className="stack">
			<h1>{t('provider.teamTitle')}</h1>
			<p>{t('provider.teamIntro')}</p>
			{memberErrors ? (
				<p className="panel panel--danger" role="alert">
					{memberErrors.formErrors.map((error) => errorText(error)).join(' ')}
				</p>
			) : null}
			<div className="table-wrapper">
				<table className="table">
					<caption className="visually-hidden">{t('provider.teamTitle')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('provider.columnName')}</th>
							<th scope="col">{t('provider.columnEmail')}</th>
							<th scope="col">{t('provider.columnRole')}</th>
							<th scope="col">{t('provider.columnStatus')}</th>
							{canManage ? <th scope="col">{t('provider.columnActions')}</th> : null}
						</tr>
					</thead>
					<tbody>
						{members.map((member) => (
							<tr key={member.id}>
								<th scope="row">
									{member.user.name}
									{member.user.id === userId ? ` (${t('provider.you')})` : ''}
									{member.jobTitle ? <div className="field__hint">{member.jobTitle}</div> : null}
								</th>
								<td>{member.user.email}</td>
								<td>
									{member.canSign ? (
										<span className="badge badge--info">{t('provider.signingAuthority')}</span>
									) : (
										t('provider.member')
									)}
									{member.isPrimaryContact ? ` · ${t('provider.primaryContact')}` : ''}
								</td>
								<td>
									{member.user.invited ? (
										t('provider.statusInvited')
									) : (
										<>
											{t('provider.statusActive')} <DateTime value={member.user.lastLoginAt} dateOnly />
										</>
									)}
								</td>
								{canManage ? (
									<td>
										<Form method="post" className="button-row">
											<input type="hidden" name="membershipId" value={member.id} />
											{member.canSign ? (
												<button
													type="submit"
													name="intent"
													value="revoke"
													className="button button--small"
													aria-label={t('provider.revokeFor', { name: member.user.name })}
												>
													{t('provider.revoke')}
												</button>
											) : (
												<button
													type="submit"
													name="intent"
													value="grant"
													className="button button--small"
													aria-label={t('provider.grantFor', { name: member.user.name })}
												>
													{t('provider.grant')}
												</button>
											)}
											<button
												type="submit"
												name="intent"
												value="remove"
												className="button button--small button--danger"
												aria-label={t('provider.removeFor', { name: member.user.name })}
											>
												{t('provider.remove')}
											</button>
										</Form>
									</td>
								) : null}
							</tr>
						))}
					</tbody>
				</table>
			</div>
			{canManage ? (
				<section className="panel stack" aria-labelledby="invite-title">
					<h2 id="invite-title">{t('provider.inviteTitle')}</h2>
					<ErrorSummary fieldErrors={inviteErrors?.fieldErrors} formErrors={inviteErrors?.formErrors} />
					{/* A fresh form after each successful invitation. */}
					<Form key={members.length} method="post" className="form" noValidate>
						<input type="hidden" name="intent" value="invite" />
						<InputField
							name="name"
							label={t('provider.fieldMemberName')}
							defaultValue={typed(inviteErrors?.values, 'name')}
							errors={inviteErrors?.fieldErrors.name}
							required
						/>
						<InputField
							name="email"
							type="email"
							label={t('provider.fieldMemberEmail')}
							defaultValue={typed(inviteErrors?.values, 'email')}
							errors={inviteErrors?.fieldErrors.email}
							required
						/>
						<InputField
							name="jobTitle"
							label={t('provider.fieldMemberJobTitle')}
							defaultValue={typed(inviteErrors?.values, 'jobTitle')}
							errors={inviteErrors?.fieldErrors.jobTitle}
						/>
						<CheckboxField
							name="canSign"
							label={t('provider.fieldMemberCanSign')}
							hint={t('provider.hintMemberCanSign')}
						/>
						<SubmitButton pendingText={t('common.saving')}>{t('provider.inviteSubmit')}</SubmitButton>
					</Form>
				</section>
			) : (
				<p className="panel panel--info">{t('provider.teamOnlySigners')}</p>
			)}
		</div>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
