// /consultatie/:year/norm/:normKey — one norm of the concept with what changed against the current
// year, and the reader's reaction on it: the four qualities (volledigheid, duidelijkheid,
// werkbaarheid, vooruitstrevendheid) on a five-point scale, a text on the norm and on each
// criterion, each with an optional attachment. Saved as a draft; sending happens on the overview.
import { data, Form, href, Link } from 'react-router'
import type { Route } from './+types/norm'
import { ReactionAttachmentField } from './attachment-field.tsx'
import { partyFromForm, readConsultation } from './reader.server.ts'
import { ChangeBadge, ConsultationErrorBoundary, criterionChange, normChange, RatingFields } from './ui.tsx'
import { ErrorSummary, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { useDurableDraft } from '#app/components/provider/form-draft.ts'
import { QUALITIES, type Quality, type Ratings } from '#app/domain/consultation.ts'
import { allCriteria, allNorms } from '#app/domain/norm-set.ts'
import { useT } from '#app/i18n/react.tsx'
import { type FieldErrors, type FormValues, formDataToValues, formFailure } from '#app/lib/forms.ts'
import { refusedUploadInit } from '#app/lib/upload-refusal.server.ts'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	type AcceptedUpload,
	acceptUpload,
	type UploadForm,
	UploadRefused,
	withUploadForm,
} from '#app/lib/uploads.server.ts'
import { type ReactionInput, saveReactions } from '#app/services/consultation.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const context = await readConsultation(request, params.year)
	const { year, concept, party, response, parties } = context
	const found = allNorms(concept.normSet).find(({ norm }) => norm.key === params.normKey)
	if (!found) notFound()
	const { norm } = found
	const diff = concept.previous?.diff ?? null
	const earlier = new Map(
		(concept.previousSet ? allCriteria(concept.previousSet) : []).map((c) => [c.criterion.key, c]),
	)
	const ownReaction = (target: string) => response?.reactions[target] ?? null
	return {
		year,
		consultation: concept.consultation,
		markName: concept.normSet.markName,
		previousYear: concept.previous?.year ?? null,
		norm: {
			key: norm.key,
			code: norm.code,
			title: norm.title,
			explanation: norm.explanation,
			clientPromise: norm.clientPromise ?? null,
			change: normChange(diff, norm),
		},
		criteria: norm.criteria.map((criterion) => {
			const change = criterionChange(diff, criterion.key)
			return {
				key: criterion.key,
				code: criterion.code,
				text: criterion.text,
				change,
				previousText: change === 'changed' ? (earlier.get(criterion.key)?.criterion.text ?? null) : null,
				reaction: ownReaction(`criterion:${criterion.key}`),
			}
		}),
		normReaction: ownReaction(`norm:${norm.key}`),
		party,
		partyCount: parties.length,
		response,
	}
}

function ratingValue(values: FormValues, name: string): number | null | 'invalid' {
	const raw = values[name]
	if (raw === undefined || raw === '') return null
	if (typeof raw !== 'string' || !/^[1-5]$/.test(raw)) return 'invalid'
	return Number(raw)
}

export async function action({ request, params }: Route.ActionArgs) {
	const { year, user, parties, concept } = await readConsultation(request, params.year)
	if (!user) notFound()
	const found = allNorms(concept.normSet).find(({ norm }) => norm.key === params.normKey)
	if (!found) notFound()
	const { norm } = found
	const locale = await getLocale(request, user)
	// Within the upload budget, the attachments in temporary files until stored (issue 17).
	const save = async (form: UploadForm) => {
		const formData = form.fields
		const values = formDataToValues(formData)
		const party = partyFromForm(parties, formData.get('party'))
		const fieldErrors: FieldErrors = {}
		const ratings: Partial<Ratings> = {}
		for (const quality of QUALITIES) {
			const value = ratingValue(values, `norm.${quality}`)
			if (value === 'invalid') fieldErrors[`norm.${quality}`] = ['consultation.errorRating']
			else ratings[quality as Quality] = value
		}
		const targets = [
			{ target: `norm:${norm.key}`, field: 'norm' },
			...norm.criteria.map((criterion) => ({ target: `criterion:${criterion.key}`, field: `c.${criterion.key}` })),
		]
		const reactions: ReactionInput[] = []
		for (const { target, field } of targets) {
			const text = values[`${field}.text`]
			if (typeof text === 'string' && text.length > 10_000)
				fieldErrors[`${field}.text`] = ['consultation.errorTextTooLong']
			let attachment: AcceptedUpload | null = null
			const file = form.file(`${field}.attachment`)
			if (file && file.size > 0) {
				try {
					attachment = await acceptUpload(file)
				} catch (error) {
					if (!(error instanceof UploadRefused)) throw error
					fieldErrors[`${field}.attachment`] = [error.key]
				}
			}
			reactions.push({
				target,
				text: typeof text === 'string' ? text : '',
				...(field === 'norm' ? { ratings } : {}),
				attachment,
				removeAttachment: values[`${field}.remove`] === 'on',
			})
		}
		// An attachment that could not be checked just now: 503, try again (upload-refusal.server.ts).
		if (Object.keys(fieldErrors).length)
			return data(formFailure({ fieldErrors, values }), refusedUploadInit(Object.values(fieldErrors).flat()))
		try {
			await saveReactions(user, year, party.partyKey, {
				expectedVersion: Number(values.version ?? 0) || 0,
				reactions,
			})
		} catch (error) {
			return answerRefusal(error, locale, values)
		}
		return redirectWithToast(
			`${href('/consultatie/:year/norm/:normKey', { year: String(year), normKey: norm.key })}?namens=${encodeURIComponent(party.partyKey)}`,
			{
				type: 'success',
				key: 'consultation.toastSaved',
			},
		)
	}
	try {
		return await withUploadForm(request, save)
	} catch (error) {
		if (error instanceof UploadRefused) return data(formFailure({ formErrors: [error.key] }), { status: 413 })
		throw error
	}
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(
		args,
		args.loaderData
			? [
					['meta.norm', { code: args.loaderData.norm.code }],
					['meta.consultationYear', { year: args.loaderData.year }],
				]
			: ['meta.notFound'],
	)

export default function ConceptNorm({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const { year, consultation, norm, criteria, normReaction, party, response, previousYear } = loaderData
	const failure = actionData && 'success' in actionData && !actionData.success ? actionData : undefined
	const values = failure?.values
	const editable = consultation.phase === 'open' && party !== null && response?.status !== 'submitted'
	// Reactions are saved with a button, possibly days apart: what was typed survives a closed browser.
	const draft = useDurableDraft(`consultatie:${year}:${norm.key}:${party?.partyKey ?? ''}`, {
		base: 'version',
		enabled: editable,
	})
	const text = (name: string, stored: string | undefined) => {
		const typed = values?.[name]
		return typeof typed === 'string' ? typed : (stored ?? '')
	}
	const typedRatings = values
		? Object.fromEntries(
				QUALITIES.map((quality) => {
					const raw = values[`norm.${quality}`]
					return [quality, typeof raw === 'string' && /^[1-5]$/.test(raw) ? Number(raw) : null]
				}),
			)
		: (normReaction?.ratings ?? {})
	const back = `/consultatie/${year}${party ? `?namens=${encodeURIComponent(party.partyKey)}` : ''}`
	return (
		<div className="stack">
			<p>
				<Link to={back}>{t('consultation.backToConcept', { year })}</Link>
			</p>
			<h1>
				{t('consultation.normHeading', { code: norm.code, title: norm.title })}{' '}
				<ChangeBadge change={norm.change} year={previousYear} />
			</h1>
			<p>{norm.explanation}</p>
			{norm.clientPromise ? (
				<p>
					<strong>{t('consultation.clientPromise')}:</strong> {norm.clientPromise}
				</p>
			) : null}
			<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
			{!party ? <p className="panel panel--muted">{t('consultation.readOnly')}</p> : null}
			{party && response?.status === 'submitted' ? (
				<p className="panel panel--info">{t('consultation.alreadySent')}</p>
			) : null}
			{draft.restored ? (
				<p className="panel panel--info" role="status">
					{t('consultation.draftRestored')}
				</p>
			) : null}
			<Form ref={draft.ref} method="post" encType="multipart/form-data" className="form stack" noValidate>
				{party ? <input type="hidden" name="party" value={party.partyKey} /> : null}
				<input type="hidden" name="version" value={response?.version ?? 0} />
				<fieldset disabled={!editable} className="stack">
					<legend className="visually-hidden">{t('consultation.reactionOn', { code: norm.code })}</legend>
					<section className="panel stack" aria-labelledby="norm-reaction">
						<h2 id="norm-reaction">{t('consultation.normReactionTitle', { code: norm.code })}</h2>
						<RatingFields prefix="norm" values={typedRatings} disabled={!editable} errors={failure?.fieldErrors} />
						<TextareaField
							name="norm.text"
							label={t('consultation.normReactionLabel', { code: norm.code })}
							defaultValue={text('norm.text', normReaction?.text)}
							rows={5}
							maxLength={10_000}
							errors={failure?.fieldErrors['norm.text']}
						/>
						<ReactionAttachmentField
							name="norm.attachment"
							removeName="norm.remove"
							year={year}
							current={normReaction?.attachment ?? null}
							errors={failure?.fieldErrors['norm.attachment']}
						/>
					</section>
					{criteria.map((criterion) => (
						<section
							key={criterion.key}
							className={`concept-criterion concept-criterion--${criterion.change} stack`}
							aria-labelledby={`criterion-${criterion.key}`}
						>
							<h2 id={`criterion-${criterion.key}`}>
								{t('consultation.criterionHeading', { code: criterion.code })}{' '}
								<ChangeBadge change={criterion.change} year={previousYear} />
							</h2>
							<p>{criterion.text}</p>
							{criterion.previousText ? (
								<p className="previous-text">
									<strong>{t('consultation.previousText', { year: previousYear ?? '' })}</strong>{' '}
									{criterion.previousText}
								</p>
							) : null}
							<TextareaField
								name={`c.${criterion.key}.text`}
								label={t('consultation.criterionReactionLabel', { code: criterion.code })}
								defaultValue={text(`c.${criterion.key}.text`, criterion.reaction?.text)}
								rows={3}
								maxLength={10_000}
								errors={failure?.fieldErrors[`c.${criterion.key}.text`]}
							/>
							<ReactionAttachmentField
								name={`c.${criterion.key}.attachment`}
								removeName={`c.${criterion.key}.remove`}
								year={year}
								current={criterion.reaction?.attachment ?? null}
								errors={failure?.fieldErrors[`c.${criterion.key}.attachment`]}
							/>
						</section>
					))}
					{editable ? (
						<div className="button-row">
							<SubmitButton>{t('consultation.saveDraft')}</SubmitButton>
							<Link to={back}>{t('consultation.toSend')}</Link>
						</div>
					) : null}
				</fieldset>
			</Form>
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
