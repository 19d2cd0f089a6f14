// /medewerkers/consultaties/:year/reacties — every sent reaction grouped per point (general, each
// norm, each criterion), filterable by point, kind of reactor and words; per point the office
// records its consideration and decision (kept / changed with the new text / dropped), and may pick
// reactions to quote in the published summary (only those whose authors consented). Audited.
import { data, Form, href, Link } from 'react-router'
import { z } from 'zod'
import type { Route } from './+types/reactions'
import { ErrorSummary, InputField, SelectField, SubmitButton, TextareaField } from '#app/components/forms.tsx'
import { allTargets, QUALITIES, targetKey } from '#app/domain/consultation.ts'
import { allNorms } from '#app/domain/norm-set.ts'
import { ConsultationErrorBoundary, PhaseBadge } from '#app/routes/consultation/ui.tsx'
import { parseYear } from '#app/routes/consultation/reader.server.ts'
import { useT } from '#app/i18n/react.tsx'
import { formDataToValues, parseForm, readForm } from '#app/lib/forms.ts'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { answerRefusal } from '#app/lib/refusal-response.server.ts'
import { redirectWithToast } from '#app/lib/toast.server.ts'
import {
	loadConcept,
	recordPoint,
	setQuoted,
	staffOverview,
	staffReactions,
} from '#app/services/consultation.server.ts'
import { useStaffRole } from '../ui.tsx'
import { reactionFilters } from './filters.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	await requireStaff(request)
	const year = parseYear(params.year)
	const overview = await staffOverview(year)
	if (!overview) notFound()
	const filters = reactionFilters(new URL(request.url).searchParams)
	const reactions = await staffReactions(year, filters)
	const codes = new Map<string, string>([['general', '']])
	const labels: { target: string; kind: 'general' | 'norm' | 'criterion'; code: string; title: string }[] = []
	for (const target of allTargets(overview.normSet)) {
		const key = targetKey(target)
		if (target.kind === 'general') labels.push({ target: key, kind: 'general', code: '', title: '' })
		for (const { norm } of allNorms(overview.normSet)) {
			if (target.kind === 'norm' && target.normKey === norm.key)
				labels.push({ target: key, kind: 'norm', code: norm.code, title: norm.title })
			if (target.kind === 'criterion') {
				const criterion = norm.criteria.find((candidate) => candidate.key === target.criterionKey)
				if (criterion) labels.push({ target: key, kind: 'criterion', code: criterion.code, title: criterion.text })
			}
		}
		codes.set(key, labels.at(-1)?.code ?? '')
	}
	const shown = labels.filter((label) =>
		!filters.target
			? true
			: filters.target.startsWith('norm:')
				? label.target === filters.target ||
					(label.kind === 'criterion' &&
						allNorms(overview.normSet).some(
							({ norm }) =>
								`norm:${norm.key}` === filters.target &&
								norm.criteria.some((c) => `criterion:${c.key}` === label.target),
						))
				: label.target === filters.target,
	)
	return {
		year,
		phase: overview.consultation.phase,
		filters,
		pointOptions: labels.filter((label) => label.kind !== 'criterion'),
		groups: shown.map((label) => ({
			...label,
			point: overview.points[label.target] ?? null,
			reactions: reactions.filter((reaction) => reaction.target === label.target),
		})),
		total: reactions.length,
	}
}

const pointSchema = z
	.object({
		target: z.string().min(1).max(300),
		consideration: z
			.string()
			.trim()
			.min(5, 'consultation.errorConsideration')
			.max(5000, 'consultation.errorTextTooLong'),
		decision: z.enum(['kept', 'changed', 'dropped'], 'consultation.errorDecision'),
		changedText: z.string().trim().max(5000, 'consultation.errorTextTooLong').optional(),
		version: z.coerce.number().int().min(0),
	})
	.refine((value) => value.decision !== 'changed' || (value.changedText ?? '').length > 0, {
		path: ['changedText'],
		message: 'consultation.errorChangedText',
	})

const quoteSchema = z.object({ reactionId: z.string().min(1).max(40), quoted: z.enum(['true', 'false']) })

export async function action({ request, params }: Route.ActionArgs) {
	const user = await requireStaff(request, 'admin')
	const year = parseYear(params.year)
	const concept = await loadConcept(year)
	if (!concept) notFound()
	const actor = { type: 'staff' as const, userId: user.id }
	const formData = await readForm(request)
	const values = formDataToValues(formData)
	const back = `/medewerkers/consultaties/${year}/reacties${new URL(request.url).search}`
	try {
		if (values.intent === 'quote') {
			const parsed = quoteSchema.safeParse(values)
			if (!parsed.success) notFound()
			await setQuoted(actor, parsed.data.reactionId, parsed.data.quoted === 'true')
			return redirectWithToast(back, { type: 'success', key: 'consultation.toastQuoteSaved' })
		}
		const form = parseForm(pointSchema, formData)
		if (!form.success) return data({ ...form, target: values.target }, { status: 400 })
		await recordPoint(actor, year, {
			target: form.data.target,
			consideration: form.data.consideration,
			decision: form.data.decision,
			changedText: form.data.changedText || null,
			expectedVersion: form.data.version,
		})
		return redirectWithToast(`${back}#punt-${encodeURIComponent(form.data.target)}`, {
			type: 'success',
			key: 'consultation.toastPointSaved',
		})
	} catch (error) {
		return answerRefusal(error, await getLocale(request, user), values)
	}
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [['meta.consultationReactions', { year: args.params.year }], 'meta.staff'])

export default function StaffReactions({ loaderData, actionData }: Route.ComponentProps) {
	const t = useT()
	const role = useStaffRole()
	const { year, phase, filters, pointOptions, groups, total } = loaderData
	const failure = actionData && 'success' in actionData && !actionData.success ? actionData : undefined
	const failedTarget = failure && 'target' in failure ? failure.target : failure?.values.target
	const editable = role === 'admin' && phase !== 'adopted'
	const query = new URLSearchParams(
		Object.entries({ punt: filters.target, soort: filters.reactorType, zoek: filters.text }).filter(
			(entry): entry is [string, string] => Boolean(entry[1]),
		),
	).toString()
	return (
		<div className="stack">
			<p>
				<Link to={href('/medewerkers/consultaties/:year', { year: String(year) })}>
					{t('consultation.backToDetail', { year })}
				</Link>
			</p>
			<h1>
				{t('consultation.reactionsTitle', { year })} <PhaseBadge phase={phase} />
			</h1>
			<Form method="get" className="form form--inline">
				<SelectField
					name="punt"
					label={t('consultation.filterPoint')}
					defaultValue={filters.target ?? ''}
					options={[
						{ value: '', label: t('consultation.filterAll') },
						...pointOptions.map((option) => ({
							value: option.target,
							label:
								option.kind === 'general'
									? t('consultation.generalHeading')
									: t('consultation.normHeading', { code: option.code, title: option.title }),
						})),
					]}
				/>
				<SelectField
					name="soort"
					label={t('consultation.filterReactor')}
					defaultValue={filters.reactorType ?? ''}
					options={[
						{ value: '', label: t('consultation.filterAll') },
						{ value: 'carrier', label: t('consultation.reactor_carrier') },
						{ value: 'organisation', label: t('consultation.reactor_organisation') },
						{ value: 'public', label: t('consultation.reactor_public') },
					]}
				/>
				<InputField
					name="zoek"
					type="search"
					label={t('consultation.filterText')}
					defaultValue={filters.text ?? ''}
					maxLength={100}
				/>
				<button type="submit" className="button button--small">
					{t('consultation.filter')}
				</button>
			</Form>
			<p>
				{t('consultation.reactionsFound', { count: total })}{' '}
				<a href={`/medewerkers/consultaties/${year}/reacties.csv${query ? `?${query}` : ''}`}>
					{t('consultation.exportCsv')}
				</a>
			</p>
			{groups.map((group) => {
				const anchor = `punt-${group.target}`
				const heading =
					group.kind === 'general'
						? t('consultation.generalHeading')
						: group.kind === 'norm'
							? t('consultation.normHeading', { code: group.code, title: group.title })
							: t('consultation.criterionHeading', { code: group.code })
				const failedHere = failedTarget === group.target ? failure : undefined
				return (
					<section key={group.target} id={anchor} className="panel stack" aria-labelledby={`${anchor}-title`}>
						<h2 id={`${anchor}-title`}>
							{heading}{' '}
							<span className="badge badge--neutral">
								{t('consultation.reactionsCount', { count: group.reactions.length })}
							</span>
						</h2>
						{group.kind === 'criterion' ? <p className="previous-text">{group.title}</p> : null}
						{group.reactions.length === 0 ? <p className="field__hint">{t('consultation.noReactionsHere')}</p> : null}
						{group.reactions.map((reaction) => (
							<article key={reaction.id} className="reaction stack">
								<p className="reaction__meta">
									{reaction.organisationName} · {t(`consultation.reactor_${reaction.reactorType}`)}
									{reaction.quoteConsent ? ` · ${t('consultation.mayQuote')}` : ''}
								</p>
								{QUALITIES.some((quality) => reaction.ratings[quality] !== null) ? (
									<p className="reaction__meta">
										{QUALITIES.filter((quality) => reaction.ratings[quality] !== null)
											.map((quality) => `${t(`consultation.quality_${quality}`)}: ${reaction.ratings[quality]}`)
											.join(' · ')}
									</p>
								) : null}
								{reaction.text ? <p className="prewrap">{reaction.text}</p> : null}
								{reaction.attachment ? (
									<p>
										<a
											href={href('/medewerkers/consultaties/:year/bijlage/:fileId', {
												year: String(year),
												fileId: reaction.attachment.id,
											})}
										>
											{reaction.attachment.name}
										</a>
									</p>
								) : null}
								{editable && reaction.quoteConsent && reaction.text ? (
									<Form method="post">
										<input type="hidden" name="reactionId" value={reaction.id} />
										<input type="hidden" name="quoted" value={reaction.quoted ? 'false' : 'true'} />
										<SubmitButton name="intent" value="quote" className="button button--small">
											{reaction.quoted ? t('consultation.unquote') : t('consultation.quote')}
										</SubmitButton>
									</Form>
								) : reaction.quoted ? (
									<p className="badge badge--info">{t('consultation.quoted')}</p>
								) : null}
							</article>
						))}
						<PointForm target={group.target} point={group.point} editable={editable} failure={failedHere} />
					</section>
				)
			})}
		</div>
	)
}

function PointForm({
	target,
	point,
	editable,
	failure,
}: {
	target: string
	point: {
		consideration: string
		decision: 'kept' | 'changed' | 'dropped'
		changedText: string | null
		version: number
		decidedBy: string
	} | null
	editable: boolean
	failure?: { fieldErrors: Record<string, string[]>; formErrors: string[]; values: Record<string, string | string[]> }
}) {
	const t = useT()
	const typed = (name: string, fallback: string) => {
		const value = failure?.values[name]
		return typeof value === 'string' ? value : fallback
	}
	const id = (name: string) => `${name}-${target}`
	return (
		<Form method="post" className="form stack criterion-reactions" noValidate>
			<h3>{t('consultation.pointTitle')}</h3>
			{point ? <p className="field__hint">{t('consultation.pointBy', { name: point.decidedBy })}</p> : null}
			<ErrorSummary fieldErrors={failure?.fieldErrors} formErrors={failure?.formErrors} />
			<input type="hidden" name="target" value={target} />
			<input type="hidden" name="version" value={point?.version ?? 0} />
			<fieldset disabled={!editable} className="stack">
				<legend className="visually-hidden">{t('consultation.pointTitle')}</legend>
				<TextareaField
					id={id('consideration')}
					name="consideration"
					label={t('consultation.consideration')}
					defaultValue={typed('consideration', point?.consideration ?? '')}
					rows={3}
					errors={failure?.fieldErrors.consideration}
				/>
				<SelectField
					id={id('decision')}
					name="decision"
					label={t('consultation.decision')}
					defaultValue={typed('decision', point?.decision ?? 'kept')}
					options={(['kept', 'changed', 'dropped'] as const).map((value) => ({
						value,
						label: t(`consultation.decision_${value}`),
					}))}
					errors={failure?.fieldErrors.decision}
				/>
				<TextareaField
					id={id('changedText')}
					name="changedText"
					label={t('consultation.changedText')}
					hint={t('consultation.changedTextHint')}
					defaultValue={typed('changedText', point?.changedText ?? '')}
					rows={2}
					errors={failure?.fieldErrors.changedText}
				/>
				{editable ? (
					<SubmitButton name="intent" value="point" className="button button--small">
						{t('consultation.savePoint')}
					</SubmitButton>
				) : null}
			</fieldset>
		</Form>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
