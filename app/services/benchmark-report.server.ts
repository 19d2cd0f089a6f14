// The carrier's report as a PDF, and attaching it to the self-evaluation (DOMAIN.md §9: "Norm 4
// (2022) evidence can refer to it"): the PDF goes onto the answer of the reflection criterion in the
// draft round of the running year, through the self-evaluation's own answer–document path.
import { buildReportView } from '#app/components/benchmark/report-view.ts'
import { REFLECTION_CRITERION_KEY } from '#app/domain/benchmark-indicators.ts'
import { AppError } from '#app/domain/errors.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { benchmarkReportPdf } from '#templates/benchmark-report.ts'
import { type Actor, recordAudit } from './audit.server.ts'
import { carrierReport } from './benchmark.server.ts'
import { attachGeneratedDocument } from './self-evaluation.server.ts'
import { runningYearAt } from './years.server.ts'

export function reportFileName(year: number): string {
	return `spiegelrapportage-${year}.pdf`
}

export async function reportPdf(providerId: string, year: number, locale: Locale) {
	const report = await carrierReport(providerId, year)
	if (!report) return null
	return benchmarkReportPdf({
		view: buildReportView(report, locale),
		markName: report.markName,
		providerName: report.providerName,
		year,
		locale,
		createdAt: report.submittedAt,
	})
}

/**
 * Where the report can be attached now: the running year's draft round with the reflection
 * criterion, or null (no draft, or a norm set without it). Cheap: it runs on every report view.
 */
export async function reflectionTarget(providerId: string) {
	const year = runningYearAt(now())
	const [draft, criterion] = await Promise.all([
		db.selfEvaluationRound.findFirst({
			where: {
				status: 'draft',
				participation: { providerId, year, state: { in: ['agreement_signed', 'listed', 'revision_requested'] } },
			},
			select: { id: true },
		}),
		db.criterion.findFirst({
			where: { key: REFLECTION_CRITERION_KEY, normSet: { year } },
			select: {
				code: true,
				norm: { select: { code: true } },
				evidence: { orderBy: { position: 'asc' }, take: 1, select: { key: true } },
			},
		}),
	])
	const evidenceKey = criterion?.evidence[0]?.key
	if (!draft || !criterion || !evidenceKey) return null
	return { year, normCode: criterion.norm.code, criterionCode: criterion.code, evidenceKey }
}

export async function attachReportToSelfEvaluation(
	actor: Actor & { userId: string },
	input: { providerId: string; year: number; locale: Locale },
) {
	const target = await reflectionTarget(input.providerId)
	if (!target) throw new AppError('reflection_not_available')
	const bytes = await reportPdf(input.providerId, input.year, input.locale)
	if (!bytes) throw new AppError('not_found')
	const attached = await attachGeneratedDocument(actor, {
		providerId: input.providerId,
		year: target.year,
		evidenceKey: target.evidenceKey,
		kind: 'benchmark_report',
		name: reportFileName(input.year),
		bytes,
	})
	if (!attached) throw new AppError('reflection_not_available')
	await recordAudit(db, {
		actor,
		action: 'benchmark_report.attach',
		entityType: 'StoredFile',
		entityId: attached.fileId,
		providerId: input.providerId,
		after: { reportYear: input.year, selfEvaluationYear: target.year, criterion: target.criterionCode },
	})
	return { ...target, fileId: attached.fileId }
}
