// The staff audit log names what its ids and keys stand for (issue 12 §7, left over at stop 22):
// a person's or provider's name, the participation's year, a criterion by its number and norm in
// the year's norm set — resolved for a whole page at once, never with a query per row — while the
// raw id stays in the row for support.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { db } from '#app/lib/db.server.ts'
import { createListedParticipationId } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import * as audit from '#app/routes/staff/audit.tsx'
import * as participationPage from '#app/routes/staff/participation.tsx'
import { recordAudit } from '#app/services/audit.server.ts'
import { auditCsv, auditTableSpec } from '#app/services/audit-log.server.ts'
import { parseTableQuery } from '#app/lib/table-query.ts'
import { ensureBenchmarkYear } from '#app/lib/test-fixtures/benchmark.server.ts'
import { AuditDiff } from '#app/routes/staff/audit-diff.tsx'
import { I18nProvider } from '#app/i18n/react.tsx'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { loadNormSet } from '#app/services/norm-sets.server.ts'
import { allCriteria } from '#app/domain/norm-set.ts'
import { createProvider, createUser } from '#test/fixtures/factories.ts'
import { sessionCookieFor } from '#test/fixtures/requests.ts'
import { callLoader } from '#test/fixtures/staff-routes.ts'

type Row = {
	entityType: string
	entityId: string
	participationId: string | null
	labels: {
		entity: string | null
		year: number | null
		names: Record<string, string>
		criteria: Record<string, { code: string; normCode: string; normTitle: string }>
		indicators: Record<string, { nl: string; en: string }>
	}
}

async function auditPage(cookie: string, search = '') {
	const { value } = await callLoader(audit, `/medewerkers/audit?per=250${search}`, {}, cookie)
	return value as { rows: Row[]; total: number }
}

afterEach(() => vi.restoreAllMocks())

describe('the audit log in words', () => {
	it('names people, providers, the participation year and criteria; the raw values stay', async () => {
		const year = 2052
		await ensureMarkYear(year)
		const provider = await createProvider({ name: 'Praktijk Auditlabels' })
		const { id: participationId } = await createListedParticipationId({ year, providerId: provider.id })
		const admin = await createUser({ staffRole: 'admin', name: 'Ria Beheer' })
		const interviewer = await createUser({ staffRole: 'assessor', name: 'Ivo Interviewer' })
		const member = await createUser({ name: 'Mila Lid' })
		const loaded = await loadNormSet(year)
		const { criterion, norm } = allCriteria(loaded!.normSet)[0]!
		const actor = { type: 'staff' as const, userId: admin.id }
		await recordAudit(db, {
			actor,
			action: 'interview.plan',
			entityType: 'Interview',
			entityId: 'cinterviewaudit0000000001',
			providerId: provider.id,
			participationId,
			before: { interviewerId: null },
			after: { interviewerId: interviewer.id },
		})
		await recordAudit(db, {
			actor,
			action: 'assessment.save',
			entityType: 'SelfEvaluationRound',
			entityId: 'croundaudit00000000000001',
			providerId: provider.id,
			participationId,
			before: { verdicts: { [criterion.key]: { verdict: null } } },
			after: { round: 1, verdicts: { [criterion.key]: { verdict: 'sufficient' } } },
		})
		await recordAudit(db, {
			actor,
			action: 'user.deactivate',
			entityType: 'User',
			entityId: member.id,
			before: { active: true },
			after: { active: false },
		})

		const cookie = await sessionCookieFor(admin.id)
		const { rows } = await auditPage(cookie)
		const plan = rows.find((row) => row.entityId === 'cinterviewaudit0000000001')!
		expect(plan.labels).toMatchObject({ entity: null, year, names: { [interviewer.id]: 'Ivo Interviewer' } })
		const assessment = rows.find((row) => row.entityId === 'croundaudit00000000000001')!
		expect(assessment.labels.year).toBe(year)
		expect(assessment.labels.criteria).toEqual({
			[criterion.key]: { code: criterion.code, normCode: norm.code, normTitle: norm.title },
		})
		const user = rows.find((row) => row.entityId === member.id)!
		expect(user.labels).toMatchObject({ entity: 'Mila Lid', year: null })
		// The raw id is still there (the page shows it in a tooltip, for support).
		expect(user.entityType).toBe('User')
		expect(plan.participationId).toBe(participationId)

		// The participation's own audit trail says the same.
		const { value } = await callLoader(
			participationPage,
			`/medewerkers/deelnames/${participationId}`,
			{ participationId },
			cookie,
		)
		const trail = (value as { participation: { auditEvents: Row[] } }).participation.auditEvents
		expect(trail.find((event) => event.entityId === 'cinterviewaudit0000000001')?.labels.names).toEqual({
			[interviewer.id]: 'Ivo Interviewer',
		})
		expect(Object.keys(trail.find((event) => event.entityId === 'croundaudit00000000000001')!.labels.criteria)).toEqual(
			[criterion.key],
		)
	})

	it('names an indicator by its name in the year’s set and shows statuses and sides in words; the CSV stays raw', async () => {
		const year = 2053
		await ensureBenchmarkYear(year)
		const indicator = await db.indicator.findFirstOrThrow({
			where: { indicatorSet: { year } },
			orderBy: { position: 'asc' },
		})
		const admin = await createUser({ staffRole: 'admin', name: 'Ria Indicatoren' })
		const provider = await createProvider({ name: 'Praktijk Auditcodes' })
		const actor = { type: 'staff' as const, userId: admin.id }
		const entityId = 'cdeliveryaudit00000000001'
		await recordAudit(db, {
			actor,
			action: 'benchmark_delivery.import',
			entityType: 'BenchmarkDelivery',
			entityId,
			providerId: provider.id,
			after: { year, source: 'csv', values: { [indicator.code]: 12 } },
		})
		await recordAudit(db, {
			actor,
			action: 'benchmark_delivery.reopen',
			entityType: 'BenchmarkDelivery',
			entityId,
			providerId: provider.id,
			before: { status: 'submitted' },
			after: { status: 'draft', year },
		})
		await recordAudit(db, {
			actor,
			action: 'indicator_set.create',
			entityType: 'IndicatorSet',
			entityId: 'cindicatorsetaudit0000001',
			after: { year, indicators: [indicator.code], status: 'draft' },
		})
		const cookie = await sessionCookieFor(admin.id)
		const { rows } = await auditPage(cookie, `&q=${entityId}`)
		const imported = rows.find((row) => (row as unknown as { action: string }).action === 'benchmark_delivery.import')
		expect(imported?.labels.indicators).toEqual({ [indicator.code]: { nl: indicator.labelNl, en: indicator.labelEn } })
		const set = (await auditPage(cookie, '&q=cindicatorsetaudit0000001')).rows[0]
		expect(set?.labels.indicators).toEqual({ [indicator.code]: { nl: indicator.labelNl, en: indicator.labelEn } })

		// What the page shows of them: the indicator's name, statuses and a side in words, no code.
		const html = (labels: Row['labels'], before: unknown, after: unknown, locale: 'nl' | 'en') =>
			renderToStaticMarkup(
				createElement(I18nProvider, { locale, children: createElement(AuditDiff, { before, after, labels }) }),
			)
		const delivery = html(imported!.labels, null, { year, source: 'csv', values: { [indicator.code]: 12 } }, 'en')
		expect(delivery).toContain(`Values › ${indicator.labelEn}`)
		expect(delivery).not.toContain(indicator.code)
		const list = html(set!.labels, null, { indicators: [indicator.code], status: 'draft' }, 'nl')
		expect(list).toContain(indicator.labelNl)
		expect(list).toContain('Concept')
		const words = html(
			{ entity: null, year: null, names: {}, criteria: {}, indicators: {} },
			{ status: 'pending', side: 'provider' },
			{ status: 'approved', side: 'staff' },
			'nl',
		)
		for (const word of ['In afwachting', 'Goedgekeurd', 'Zorgaanbieder', 'KiBG']) expect(words).toContain(word)
		for (const code of ['pending', 'approved', 'provider', 'staff']) expect(words).not.toContain(code)

		// The export keeps what was stored.
		const csv = await auditCsv(parseTableQuery(new URLSearchParams({ q: entityId }), auditTableSpec([], [])))
		expect(csv).toContain(indicator.code)
		expect(csv).toContain('""status"":""draft""')
	})

	it('resolves a page with one query per kind, however many rows it has', async () => {
		const admin = await createUser({ staffRole: 'admin' })
		const cookie = await sessionCookieFor(admin.id)
		const people = await Promise.all(Array.from({ length: 30 }, (_, index) => createUser({ name: `Persoon ${index}` })))
		for (const person of people)
			await recordAudit(db, {
				actor: { type: 'staff', userId: admin.id },
				action: 'user.deactivate',
				entityType: 'User',
				entityId: person.id,
				before: { active: true, invitedBy: admin.id },
				after: { active: false, invitedBy: admin.id },
			})
		const users = vi.spyOn(db.user, 'findMany')
		const providers = vi.spyOn(db.provider, 'findMany')
		const participations = vi.spyOn(db.participation, 'findMany')
		const { rows } = await auditPage(cookie, '&q=user.deactivate')
		expect(rows.length).toBeGreaterThanOrEqual(30)
		for (const person of people) expect(rows.find((row) => row.entityId === person.id)?.labels.entity).toBe(person.name)
		expect(users).toHaveBeenCalledTimes(1)
		expect(providers).toHaveBeenCalledTimes(1)
		expect(participations).toHaveBeenCalledTimes(1)
	})
})
