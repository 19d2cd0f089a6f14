// /normen/:year/wijzigingen — "Wijzigingen en overwegingen" of an adopted norm set, in the shape of
// seed 004: the consultation process, a summary and the table of norm titles then and now, and per
// norm the main considerations and decisions. Public; the PDF beside it says the same.
import { href, Link } from 'react-router'
import type { Route } from './+types/changes'
import { parseYear } from './reader.server.ts'
import { ConsultationErrorBoundary, RatingChart } from './ui.tsx'
import type { DocumentPoint, DocumentQuote } from '#app/domain/consultation.ts'
import { formatDate } from '#app/i18n/format.ts'
import { useLocale, useT } from '#app/i18n/react.tsx'
import { notFound } from '#app/lib/http.server.ts'
import { publishedChangesDocument } from '#app/services/consultation-document.server.ts'
import { pageMeta } from '#app/i18n/meta.ts'

export async function loader({ params }: Route.LoaderArgs) {
	const year = parseYear(params.year)
	const published = await publishedChangesDocument(year)
	if (!published) notFound()
	return { year, document: published.document, hasPdf: published.fileId !== null }
}

export const meta: Route.MetaFunction = (args) =>
	pageMeta(args, [
		args.loaderData
			? ['meta.consultationChanges', { markName: args.loaderData.document.markName, year: args.loaderData.year }]
			: 'meta.notFound',
	])

function Points({ points }: { points: DocumentPoint[] }) {
	const t = useT()
	return (
		<>
			{points.map((point, index) => (
				<div key={index} className="stack">
					<p>
						{point.criterionCode ? (
							<strong>{t('consultation.criterionHeading', { code: point.criterionCode })}: </strong>
						) : null}
						{point.consideration}{' '}
						<span
							className={`badge badge--${point.decision === 'changed' ? 'warning' : point.decision === 'dropped' ? 'danger' : 'neutral'}`}
						>
							{t(`consultation.decision_${point.decision}`)}
						</span>
					</p>
					{point.changedText ? (
						<p className="previous-text">
							<strong>{t('consultation.changedText')}:</strong> {point.changedText}
						</p>
					) : null}
				</div>
			))}
		</>
	)
}

function Quotes({ quotes }: { quotes: DocumentQuote[] }) {
	return (
		<>
			{quotes.map((quote, index) => (
				<blockquote key={index} className="reaction">
					<p>“{quote.text}”</p>
					<footer className="reaction__meta">— {quote.organisationName}</footer>
				</blockquote>
			))}
		</>
	)
}

export default function ChangesDocumentPage({ loaderData }: Route.ComponentProps) {
	const t = useT()
	const locale = useLocale()
	const { year, document, hasPdf } = loaderData
	const { process } = document
	return (
		<div className="stack">
			<p className="button-row">
				<Link to={href('/normen/:year', { year: String(year) })}>{t('consultation.backToNorms', { year })}</Link>
				{hasPdf ? (
					<a href={href('/normen/:year/wijzigingen.pdf', { year: String(year) })} className="button button--small">
						{t('consultation.downloadPdf')}
					</a>
				) : null}
			</p>
			<h1>{t('consultation.changesTitle', { markName: document.markName, year })}</h1>
			<p className="lead">{t('consultation.adoptedOn', { date: formatDate(document.adoptedAt, locale) })}</p>

			<section aria-labelledby="process-title" className="stack">
				<h2 id="process-title">{t('consultation.processTitle', { markName: document.markName, year })}</h2>
				{document.previousYear ? (
					<p>{t('consultation.processBasis', { year, previous: document.previousYear })}</p>
				) : null}
				{process.processText ? <p className="prewrap">{process.processText}</p> : null}
				<p>
					{process.organisationsInvited
						? t('consultation.processInvited', {
								count: process.organisationsInvited,
								opensOn: formatDate(process.opensOn, locale),
								closesOn: formatDate(process.closesOn, locale),
							})
						: t('consultation.processWindow', {
								opensOn: formatDate(process.opensOn, locale),
								closesOn: formatDate(process.closesOn, locale),
							})}{' '}
					{t('consultation.processReactions', {
						count: process.reactions,
						carriers: process.reactionsByType.carrier,
						organisations: process.reactionsByType.organisation,
						others: process.reactionsByType.public,
					})}
				</p>
				{process.meetings.length ? (
					<ul>
						{process.meetings.map((meeting, index) => (
							<li key={index}>
								{t(meeting.participants ? 'consultation.meetingWith' : 'consultation.meeting', {
									date: formatDate(meeting.date, locale),
									title: meeting.title,
									participants: meeting.participants ?? 0,
								})}
							</li>
						))}
					</ul>
				) : null}
				<p>{t('consultation.processConsidered')}</p>
			</section>

			<section aria-labelledby="changes-title" className="stack">
				<h2 id="changes-title">
					{document.previousYear
						? t('consultation.changesSince', { markName: document.markName, year, previous: document.previousYear })
						: t('consultation.changesOf', { markName: document.markName, year })}
				</h2>
				<h3>{t('consultation.summaryTitle')}</h3>
				{document.summary ? <p className="prewrap">{document.summary}</p> : <p>{t('consultation.noSummary')}</p>}
				<table className="table">
					<caption>{t('consultation.tableCaption', { year })}</caption>
					<thead>
						<tr>
							<th scope="col">{t('consultation.tableNorms', { year: document.previousYear ?? '–' })}</th>
							<th scope="col">{t('consultation.tableNorms', { year })}</th>
						</tr>
					</thead>
					<tbody>
						{document.normTable.map((row, index) => (
							<tr key={index}>
								<td>{row.previous ? t('consultation.normHeading', row.previous) : t('consultation.tableNew')}</td>
								<td>{row.next ? t('consultation.normHeading', row.next) : t('consultation.tableDropped')}</td>
							</tr>
						))}
					</tbody>
				</table>

				<h3>{t('consultation.perNormTitle')}</h3>
				{document.general.points.length || document.general.quotes.length ? (
					<article className="card stack" aria-labelledby="general-heading">
						<h4 id="general-heading">{t('consultation.generalHeading')}</h4>
						<Points points={document.general.points} />
						<Quotes quotes={document.general.quotes} />
					</article>
				) : null}
				{document.norms.map((norm) => (
					<article key={norm.key} className="card stack" aria-labelledby={`doc-norm-${norm.key}`}>
						<h4 id={`doc-norm-${norm.key}`}>{t('consultation.normHeading', { code: norm.code, title: norm.title })}</h4>
						{norm.reactions === 0 && norm.points.length === 0 ? (
							<p>{t('consultation.noReaction')}</p>
						) : (
							<>
								<p>{t('consultation.normReactions', { count: norm.reactions })}</p>
								{norm.ratings ? (
									<RatingChart ratings={norm.ratings} title={t('consultation.chartTitle', { code: norm.code })} />
								) : null}
								<Points points={norm.points} />
								<Quotes quotes={norm.quotes} />
							</>
						)}
					</article>
				))}
			</section>
		</div>
	)
}

export const ErrorBoundary = ConsultationErrorBoundary
