// /consultatie/:year — the concept norms of a coming year, what changed against the current year,
// and the reader's own reaction: a general reaction, a link per norm to react per norm and
// criterion, and sending it (with or without consent to be quoted). A party only ever sees its own
// reaction; nothing is public during the window.
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/concept'
import { ReactionAttachmentField } from './attachment-field.tsx'
import { partyFromForm, readConsultation } from './reader.server.ts'
import { ChangeBadge, ConsultationErrorBoundary, normChange, PhaseBadge, WindowText } from './ui.tsx'
import {
	CheckboxField,
	ErrorSummary,
	InputField,
	SelectField,
	SubmitButton,
	TextareaField,
} from '#app/components/forms.tsx'
import { useDurableDraft } from '#app/components/provider/form-draft.ts'
import { allNorms } from '#app/domain/norm-set.ts'
import { formatDateTime } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { checkboxField, type FormValues, formDataToValues, formFailure } from '#app/lib/forms.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import { refusedUploadInit } from '#app/lib/upload-refusal.server.ts'
import { acceptUpload, type UploadForm, UploadRefused, withUploadForm } from '#app/lib/uploads.server.ts'
import { saveReactions, sendResponse } from '#app/services/consultation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const { year, user, concept, parties, party, response, staff } = await readConsultation(request, params.year)
	const { consultation, normSet, previous } = concept
	return {
		year,
		signedIn: Boolean(user),
		staff,
		consultation,
		markName: normSet.markName,
		norms: allNorms(normSet).map(({ norm }) => ({
			key: norm.key,
			code: norm.code,
			title: norm.title,
			change: normChange(previous?.diff ?? null, norm),
			reacted: response
				? [`norm:${norm.key}`, ...norm.criteria.map((criterion) => `criterion:${criterion.key}`)].filter(
						(target) => response.reactions[target],
					).length
				: 0,
		})),
		previousYear: previous?.year ?? null,
		parties: parties.map(({ partyKey, organisationName, reactorType }) => ({
			partyKey,
			organisationName,
			reactorType,
		})),
		party,
		response,
	}
}

const sendSchema = z.object({
	quoteConsent: checkboxField,
	version: z.coerce.number().int().min(0),
})

export async function action({ request, params }: Route.ActionArgs) {
	const { year, user, parties } = await readConsultation(request, params.year)
	if (!user)
		return redirectWithToast(`${href('/inloggen')}?redirectTo=/consultatie/${year}`, {
			type: 'info',
			key: 'consultation.signInFirst',
		})
	const locale = await getLocale(request, user)
	// Within the upload budget, the attachment in a temporary file until stored (issue 17).
	const save = async (form: UploadForm) => {
		const formData = form.fields
		const values: FormValues = formDataToValues(formData)
		const party = partyFromForm(parties, formData.get('party'))
		const here = `${href('/consultatie/:year', { year: String(year) })}?namens=${encodeURIComponent(party.partyKey)}`
		try {
			if (values.intent === 'send') {
				const parsed = sendSchema.safeParse(values)
				if (!parsed.success)
					return data(formFailure({ formErrors: ['consultation.errorForm'], values }), { status: 400 })
				await sendResponse(user, year, party.partyKey, {
					quoteConsent: parsed.data.quoteConsent,
					expectedVersion: parsed.data.version,
				})
				return redirectWithToast(here, { type: 'success', key: 'consultation.toastSent' })
			}
			const text = typeof values.text === 'string' ? values.text : ''
			if (text.length > 10_000)
				return data(formFailure({ fieldErrors: { text: ['consultation.errorTextTooLong'] }, values }), { status: 400 })
			const file = form.file('attachment')
			const attachment = file && file.size > 0 ? await acceptUpload(file) : null
			await saveReactions(user, year, party.partyKey, {
				expectedVersion: Number(values.version ?? 0) || 0,
				organisationName: typeof values.organisationName === 'string' ? values.organisationName : undefined,
				reactions: [{ target: 'general', text, attachment, removeAttachment: values.removeAttachment === 'on' }],
			})
			return redirectWithToast(here, { type: 'success', key: 'consultation.toastSaved' })
		} catch (error) {
			if (error instanceof UploadRefused)
				return data(formFailure({ fieldErrors: { attachment: [error.key] }, values }), refusedUploadInit([error.key]))
			return answerRefusal(error, locale, values)
		}
	}
	try {
		return await withUploadForm(request, save)
	} catch (error) {
		if (error instanceof UploadRefused)
			return data(formFailure({ fieldErrors: { attachment: [error.key] } }), { status: 413 })
		throw error
	}
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [args.loaderData ? ['meta.consultationNormsYear', { year: args.loaderData.year }] : 'meta.notFound'])

export default function ConceptPage({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { year, consultation, norms, previousYear, parties, party, response, signedIn, markName } = loaderData
	const failure = actionData && 'success' in actionData && !actionData.success ? actionData : undefined
	const open = consultation.phase === 'open'
	const editable = open && party !== null && response?.status !== 'submitted'
	const draft = useDurableDraft(`consultatie:${year}:general:${party?.partyKey ?? ''}`, {
		base: 'version',
		enabled: editable && Boolean(response),
	})
	const general = response?.reactions.general
	const partyQuery = party ? `?namens=${encodeURIComponent(party.partyKey)}` : ''
	const reacted = response ? Object.keys(response.reactions).length : 0
	return (
		<div className="stack">
			<p>
				<Link to="/consultatie">{t('consultation.backToList')}</Link>
			</p>
			<h1>{t('consultation.conceptTitle', { markName, year })}</h1>
			<p className="lead">
				<PhaseBadge phase={consultation.phase} />{' '}
				<WindowText opensOn={consultation.opensOn} closesOn={consultation.closesOn} />
			</p>
			{consultation.phase === 'adopted' ? (
				<p className="panel panel--info">
					<Link to={href('/normen/:year/wijzigingen', { year: String(year) })}>
						{t('consultation.readChanges', { year })}
					</Link>
				</p>
			) : null}
			<p className="prewrap">{consultation.introduction}</p>
			<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />

			{!signedIn && consultation.openToPublic && open ? (
				<section className="panel panel--info" aria-labelledby="join-title">
					<h2 id="join-title">{t('consultation.joinTitle')}</h2>
					<p>{t('consultation.joinText')}</p>
					<p className="button-row">
						<Link className="button button--primary" to={href('/consultatie/:year/aanmelden', { year: String(year) })}>
							{t('consultation.joinButton')}
						</Link>
						<Link to={`${href('/inloggen')}?redirectTo=/consultatie/${year}`}>{t('consultation.signIn')}</Link>
					</p>
				</section>
			) : null}

			{parties.length > 1 ? (
				<Form method="get" className="form form--inline">
					<SelectField
						name="namens"
						label={t('consultation.reactFor')}
						defaultValue={party?.partyKey}
						options={parties.map((entry) => ({ value: entry.partyKey, label: entry.organisationName }))}
					/>
					<button type="submit" className="button button--small">
						{t('consultation.choose')}
					</button>
				</Form>
			) : null}

			{party && response ? (
				<section className="panel" aria-labelledby="own-title">
					<h2 id="own-title">{t('consultation.ownTitle', { name: response.organisationName })}</h2>
					<p>
						{response.status === 'submitted' && response.submittedAt
							? t('consultation.ownSent', { at: formatDateTime(response.submittedAt, locale), count: reacted })
							: reacted > 0
								? t('consultation.ownDraft', { count: reacted })
								: t('consultation.ownNone')}
					</p>
					<p className="field__hint">{t('consultation.privateNote')}</p>
				</section>
			) : null}

			<section aria-labelledby="norms-title" className="stack">
				<h2 id="norms-title">{t('consultation.normsTitle')}</h2>
				<p>{previousYear ? t('consultation.comparedWith', { year: previousYear }) : t('consultation.noComparison')}</p>
				<table className="table">
					<caption className="visually-hidden">{t('consultation.normsTitle')}</caption>
					<thead>
						<tr>
							<th scope="col">{t('consultation.columnNorm')}</th>
							<th scope="col">{t('consultation.columnChange')}</th>
							{party ? <th scope="col">{t('consultation.columnYourReactions')}</th> : null}
						</tr>
					</thead>
					<tbody>
						{norms.map((norm) => (
							<tr key={norm.key}>
								<th scope="row">
									<Link to={`/consultatie/${year}/norm/${norm.key}${partyQuery}`}>
										{t('consultation.normHeading', { code: norm.code, title: norm.title })}
									</Link>
								</th>
								<td>
									<ChangeBadge change={norm.change} year={previousYear} />
								</td>
								{party ? <td className="numeric">{norm.reacted}</td> : null}
							</tr>
						))}
					</tbody>
				</table>
			</section>

			{party && response ? (
				<section className="panel stack" aria-labelledby="general-title">
					<h2 id="general-title">{t('consultation.generalTitle')}</h2>
					{draft.restored ? (
						<p className="panel panel--info" role="status">
							{t('consultation.draftRestored')}
						</p>
					) : null}
					<Form ref={draft.ref} method="post" encType="multipart/form-data" className="form" noValidate>
						<input type="hidden" name="party" value={party.partyKey} />
						<input type="hidden" name="version" value={response.version} />
						<fieldset disabled={!editable} className="stack">
							<legend className="visually-hidden">{t('consultation.generalTitle')}</legend>
							{party.reactorType === 'carrier' ? null : (
								<InputField
									name="organisationName"
									label={t('consultation.organisationName')}
									hint={t('consultation.organisationNameHint')}
									defaultValue={typedValue(failure?.values, 'organisationName', response.organisationName)}
									maxLength={200}
								/>
							)}
							<TextareaField
								name="text"
								label={t('consultation.generalLabel')}
								hint={t('consultation.generalHint')}
								defaultValue={typedValue(failure?.values, 'text', general?.text ?? '')}
								rows={6}
								maxLength={10_000}
								errors={failure?.fieldErrors.text}
							/>
							<ReactionAttachmentField
								name="attachment"
								removeName="removeAttachment"
								year={year}
								current={general?.attachment ?? null}
								errors={failure?.fieldErrors.attachment}
							/>
							{editable ? (
								<SubmitButton name="intent" value="save">
									{t('consultation.saveDraft')}
								</SubmitButton>
							) : null}
						</fieldset>
					</Form>
				</section>
			) : null}

			{party && response && editable ? (
				<section className="panel panel--info stack" aria-labelledby="send-title">
					<h2 id="send-title">{t('consultation.sendTitle')}</h2>
					<p>{t('consultation.sendText')}</p>
					<Form method="post" encType="multipart/form-data" className="form">
						<input type="hidden" name="party" value={party.partyKey} />
						<input type="hidden" name="version" value={response.version} />
						<CheckboxField
							name="quoteConsent"
							label={t('consultation.quoteConsent')}
							hint={t('consultation.quoteConsentHint')}
							defaultChecked={response.quoteConsent}
						/>
						<SubmitButton name="intent" value="send" disabled={reacted === 0}>
							{t('consultation.send')}
						</SubmitButton>
						{reacted === 0 ? <p className="field__hint">{t('consultation.sendNothing')}</p> : null}
					</Form>
				</section>
			) : null}
		</div>
	)
}

function typedValue(values: FormValues | undefined, name: string, fallback: string): string {
	const value = values?.[name]
	return typeof value === 'string' ? value : fallback
}

export const ErrorBoundary = ConsultationErrorBoundary
