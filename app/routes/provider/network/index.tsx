// /aanbieder/:providerId/kennisnetwerk — the kennisnetwerk of a carrier (issue 18, DOMAIN.md §9):
// the themes it gave in its self-evaluation (5.2 learn, 6.2 teach), opting in or out (a signing
// member decides: contact person and what to share), the carriers that match per theme ranked by
// overlap and distance, and requests sent and received. Contacts are shown only after a request is
// accepted; carriers that did not opt in are never shown.
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/index'
import { CheckboxField, ErrorSummary, SelectField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { ProviderErrorBoundary } from '#app/components/provider/ui.tsx'
import { DateTime } from '#app/components/date-time.tsx'
import { useT } from '#app/i18n/react.tsx'
import { checkboxField, echoField, echoFields, formDataToValues, parseForm, readForm } from '#app/lib/forms.ts'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireProviderMember } from '#app/lib/permissions.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { teamMembers } from '#app/services/team.server.ts'
import { answerRequest, networkPage, optIn, revoke, sendRequest } from '#app/services/network.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const { membership } = await requireProviderMember(request, params.providerId)
	const page = await networkPage(params.providerId)
	const team = membership.canSign ? await teamMembers(params.providerId) : []
	return {
		providerId: params.providerId,
		canSign: membership.canSign,
		team: team.filter((member) => member.user.active).map((member) => ({ id: member.user.id, name: member.user.name })),
		...page,
		profile: page.profile
			? {
					version: page.profile.version,
					contactUserId: page.profile.contactUserId,
					contactName: page.profile.contact.name,
					shareLearn: page.profile.shareLearn,
					shareTeach: page.profile.shareTeach,
					shareNotes: page.profile.shareNotes,
					shareCity: page.profile.shareCity,
					revokedAt: page.profile.revokedAt,
				}
			: null,
	}
}

const profileSchema = z.object({
	contactUserId: z.string().min(1, 'network.errorContact').max(40),
	shareLearn: checkboxField,
	shareTeach: checkboxField,
	shareNotes: checkboxField,
	shareCity: checkboxField,
	version: z.coerce.number().int().min(0),
})
const requestSchema = z.object({
	toProviderId: z.string().min(1).max(40),
	theme: z.string().min(1).max(200),
	direction: z.enum(['learn', 'teach']),
	message: z.string().trim().min(10, 'network.errorMessage').max(1000, 'network.errorMessageLong'),
})
const answerSchema = z.object({
	requestId: z.string().min(1).max(40),
	accept: z.enum(['yes', 'no']),
	answerMessage: z.string().trim().max(1000, 'network.errorMessageLong').optional(),
})

// What a refused form may send back: the fields of the forms on this page, each capped (issue 15).
const ownFields = new Set(
	['intent', profileSchema, requestSchema, answerSchema].flatMap((schema) =>
		typeof schema === 'string' ? [schema] : Object.keys(schema.shape),
	),
)

export async function action({ request, params }: Route.ActionArgs) {
	const { user, membership } = await requireProviderMember(request, params.providerId)
	const locale = await getLocale(request, user)
	const formData = await readForm(request)
	const values = formDataToValues(formData)
	const here = href('/aanbieder/:providerId/kennisnetwerk', { providerId: params.providerId })
	try {
		switch (values.intent) {
			case 'opt_in': {
				if (!membership.canSign) notFound()
				const form = parseForm(profileSchema, formData)
				if (!form.success) return data({ ...form, form: 'profile' }, { status: 400 })
				const { version, ...input } = form.data
				await optIn(user, params.providerId, input, version)
				return redirectWithToast(here, { type: 'success', key: 'network.toastSaved' })
			}
			case 'revoke': {
				if (!membership.canSign) notFound()
				await revoke(user, params.providerId)
				return redirectWithToast(here, { type: 'success', key: 'network.toastRevoked' })
			}
			case 'request': {
				const form = parseForm(requestSchema, formData)
				if (!form.success)
					return data(
						{ ...form, form: `request:${echoField(formData, 'toProviderId')}:${echoField(formData, 'theme')}` },
						{ status: 400 },
					)
				await sendRequest(user, params.providerId, form.data)
				return redirectWithToast(here, { type: 'success', key: 'network.toastRequestSent' })
			}
			case 'answer': {
				const form = parseForm(answerSchema, formData)
				if (!form.success) return data({ ...form, form: `answer:${echoField(formData, 'requestId')}` }, { status: 400 })
				await answerRequest(user, params.providerId, {
					requestId: form.data.requestId,
					accept: form.data.accept === 'yes',
					message: form.data.answerMessage || null,
				})
				return redirectWithToast(here, { type: 'success', key: 'network.toastAnswered' })
			}
			default:
				notFound()
		}
	} catch (error) {
		return answerRefusal(
			error,
			locale,
			echoFields(formData, (name) => ownFields.has(name)),
		)
	}
}

export const meta: Route.MetaFunction = (args) => pageMeta(args, ['meta.network'])

type Failure = {
	fieldErrors: Record<string, string[]>
	formErrors: string[]
	values: Record<string, string | string[]>
	form?: string
}

export default function NetworkPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const data = loaderData
	const failure = (actionData && 'success' in actionData && !actionData.success ? actionData : undefined) as
		Failure | undefined
	const selfEvaluation = href('/aanbieder/:providerId/zelfevaluatie/:year', {
		providerId: data.providerId,
		year: String(data.year),
	})
	return (
		<div className="stack">
			<h1>{t('network.title')}</h1>
			<p className="lead">{t('network.intro')}</p>
			{failure && !failure.form ? (
				<ErrorSummary fieldErrors={failure.fieldErrors} formErrors={failure.formErrors} />
			) : null}

			<section className="panel stack" aria-labelledby="themes-title">
				<h2 id="themes-title">{t('network.themesTitle', { year: data.year })}</h2>
				{data.themes.source ? (
					<p className="field__hint">
						{t('network.themesSource', { year: data.themes.source.year, round: data.themes.source.round })}
					</p>
				) : null}
				<div className="staff-grid">
					<div>
						<h3>{t('network.learnTitle')}</h3>
						{data.themes.learn.length ? (
							<ul>
								{data.themes.learn.map((theme) => (
									<li key={theme}>{theme}</li>
								))}
							</ul>
						) : (
							<p>{t('network.noThemes')}</p>
						)}
					</div>
					<div>
						<h3>{t('network.teachTitle')}</h3>
						{data.themes.teach.length ? (
							<ul>
								{data.themes.teach.map((theme) => (
									<li key={theme}>{theme}</li>
								))}
							</ul>
						) : (
							<p>{t('network.noThemes')}</p>
						)}
					</div>
				</div>
				<p>
					<Link to={selfEvaluation}>{t('network.editThemes')}</Link>
				</p>
			</section>

			{!data.carrier ? (
				<p className="panel panel--muted">{t('network.notCarrier')}</p>
			) : (
				<ProfileSection data={data} failure={failure?.form === 'profile' ? failure : undefined} />
			)}

			{data.optedIn ? (
				<>
					<section className="stack" aria-labelledby="matches-title">
						<h2 id="matches-title">{t('network.matchesTitle')}</h2>
						<p>{t('network.membersCount', { count: data.members })}</p>
						{data.matches.length === 0 ? <p className="empty-state">{t('network.noOwnThemes')}</p> : null}
						{data.matches.map((entry) => (
							<article
								key={`${entry.direction}:${entry.theme}`}
								className="card stack"
								aria-labelledby={`theme-${entry.direction}-${entry.theme}`}
							>
								<h3 id={`theme-${entry.direction}-${entry.theme}`}>
									{t(entry.direction === 'learn' ? 'network.learnTheme' : 'network.teachTheme', { theme: entry.theme })}
								</h3>
								{entry.matches.length === 0 ? (
									<p className="field__hint">
										{t(entry.direction === 'learn' ? 'network.noTeachers' : 'network.noLearners')}
									</p>
								) : (
									<ul className="card-list">
										{entry.matches.map((match) => {
											const formKey = `request:${match.providerId}:${entry.theme}`
											const failed = failure?.form === formKey ? failure : undefined
											return (
												<li key={match.providerId} className="reaction stack">
													<p>
														<strong>{match.name}</strong>
														{match.city ? ` · ${match.city}` : ''}
														{match.province ? ` · ${match.province}` : ''}
													</p>
													<p className="reaction__meta">
														{t('network.overlap', { count: match.overlap })}
														{match.distanceKm !== null ? ` · ${t('network.distance', { km: match.distanceKm })}` : ''}
													</p>
													{match.notes.map((note, index) => (
														<p key={index} className="prewrap">
															{note}
														</p>
													))}
													<details open={Boolean(failed)}>
														<summary>{t('network.sendRequest')}</summary>
														<Form method="post" className="form" noValidate>
															<ErrorSummary fieldErrors={failed?.fieldErrors} formErrors={failed?.formErrors} />
															<input type="hidden" name="toProviderId" value={match.providerId} />
															<input type="hidden" name="theme" value={entry.theme} />
															<input type="hidden" name="direction" value={entry.direction} />
															<TextareaField
																id={`message-${entry.direction}-${match.providerId}-${entry.theme}`}
																name="message"
																label={t('network.message')}
																hint={t('network.messageHint')}
																rows={3}
																maxLength={1000}
																defaultValue={typeof failed?.values.message === 'string' ? failed.values.message : ''}
																errors={failed?.fieldErrors.message}
															/>
															<SubmitButton name="intent" value="request" className="button button--small">
																{t('network.send')}
															</SubmitButton>
														</Form>
													</details>
												</li>
											)
										})}
									</ul>
								)}
							</article>
						))}
					</section>
					<RequestsSection requests={data.requests} failure={failure} />
				</>
			) : null}
		</div>
	)
}

function ProfileSection({ data, failure }: { data: Route.ComponentProps['loaderData']; failure?: Failure }) {
	const t = useT()
	const profile = data.profile
	const active = data.optedIn
	const checked = (name: 'shareLearn' | 'shareTeach' | 'shareNotes' | 'shareCity', fallback: boolean) =>
		failure ? failure.values[name] === 'on' : (profile?.[name] ?? fallback)
	return (
		<section className={`panel stack ${active ? 'panel--success' : 'panel--info'}`} aria-labelledby="profile-title">
			<h2 id="profile-title">{active ? t('network.optedInTitle') : t('network.optInTitle')}</h2>
			<p>{active ? t('network.optedInText', { name: profile?.contactName ?? '' }) : t('network.optInText')}</p>
			{!data.canSign ? (
				<p className="field__hint">{t('network.signingOnly')}</p>
			) : (
				<>
					<Form method="post" className="form stack" noValidate>
						<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
						<input type="hidden" name="version" value={profile?.version ?? 0} />
						<SelectField
							name="contactUserId"
							label={t('network.contact')}
							hint={t('network.contactHint')}
							defaultValue={profile?.contactUserId ?? data.team[0]?.id}
							options={data.team.map((member) => ({ value: member.id, label: member.name }))}
							errors={failure?.fieldErrors.contactUserId}
						/>
						<fieldset className="stack">
							<legend className="field__label">{t('network.share')}</legend>
							<CheckboxField
								name="shareLearn"
								label={t('network.shareLearn')}
								defaultChecked={checked('shareLearn', true)}
							/>
							<CheckboxField
								name="shareTeach"
								label={t('network.shareTeach')}
								defaultChecked={checked('shareTeach', true)}
							/>
							<CheckboxField
								name="shareNotes"
								label={t('network.shareNotes')}
								defaultChecked={checked('shareNotes', false)}
							/>
							<CheckboxField
								name="shareCity"
								label={t('network.shareCity')}
								defaultChecked={checked('shareCity', true)}
							/>
						</fieldset>
						<SubmitButton name="intent" value="opt_in">
							{active ? t('network.saveProfile') : t('network.optIn')}
						</SubmitButton>
					</Form>
					{active ? (
						<Form method="post">
							<SubmitButton name="intent" value="revoke" className="button button--danger">
								{t('network.revoke')}
							</SubmitButton>
						</Form>
					) : null}
				</>
			)}
		</section>
	)
}

function RequestsSection({
	requests,
	failure,
}: {
	requests: Extract<Route.ComponentProps['loaderData'], { optedIn: true }>['requests']
	failure?: Failure
}) {
	const t = useT()
	return (
		<section className="stack" aria-labelledby="requests-title">
			<h2 id="requests-title">{t('network.requestsTitle')}</h2>
			{requests.length === 0 ? <p className="empty-state">{t('network.noRequests')}</p> : null}
			{requests.map((request) => {
				const failed = failure?.form === `answer:${request.id}` ? failure : undefined
				return (
					<article key={request.id} className="reaction stack">
						<p>
							<strong>
								{t(request.incoming ? 'network.requestFrom' : 'network.requestTo', {
									name: request.otherName,
									theme: request.theme,
								})}
							</strong>{' '}
							<span className="badge badge--neutral">{t(`network.status_${request.status}`)}</span>
						</p>
						<p className="reaction__meta">
							<DateTime value={request.createdAt} /> ·{' '}
							{t(`network.direction_${request.direction}${request.incoming ? 'In' : 'Out'}`)}
						</p>
						<p className="prewrap">{request.message}</p>
						{request.answerMessage ? <p className="prewrap">{request.answerMessage}</p> : null}
						{request.contact ? (
							<p className="panel panel--success">
								{t('network.contactShown', { name: request.contact.name, email: request.contact.email })}
							</p>
						) : null}
						{request.incoming && request.status === 'pending' ? (
							<Form method="post" className="form" noValidate>
								<ErrorSummary fieldErrors={failed?.fieldErrors} formErrors={failed?.formErrors} />
								<input type="hidden" name="requestId" value={request.id} />
								<TextareaField
									id={`answer-${request.id}`}
									name="answerMessage"
									label={t('network.answerMessage')}
									rows={2}
									maxLength={1000}
									errors={failed?.fieldErrors.answerMessage}
								/>
								<div className="button-row">
									<input type="hidden" name="intent" value="answer" />
									<SubmitButton name="accept" value="yes">
										{t('network.accept')}
									</SubmitButton>
									<SubmitButton name="accept" value="no" className="button">
										{t('network.decline')}
									</SubmitButton>
								</div>
							</Form>
						) : null}
					</article>
				)
			})}
		</section>
	)
}

export const ErrorBoundary = ProviderErrorBoundary
