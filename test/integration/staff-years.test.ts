// The years screens: the next year starts as a copy of the previous one (every date one year on),
// and dates, rates and counts are edited with validation — a wrong order gets a Dutch error next
// to the field, nothing is stored and nothing typed is lost.
import { describe, expect, it } from 'vitest'
import * as yearRoute from '#app/routes/staff/year.tsx'
import * as yearsRoute from '#app/routes/staff/years.tsx'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { db } from '#app/lib/db.server.ts'
import { toYearSettings } from '#app/services/years.server.ts'
import { createUser } from '#test/fixtures/factories.ts'
import { dataOf, sessionCookieFor } from '#test/fixtures/requests.ts'
import { callAction, callLoader } from '#test/fixtures/staff-routes.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { translate } from '#app/i18n/translate.ts'

type Failure = { fieldErrors: Record<string, string[]>; formErrors: string[]; values: Record<string, string> }

/** The year form as the browser sends it, from the stored settings. */
function yearFields(settings: YearSettings, version: number): Record<string, string> {
	const {
		year: _year,
		feeRateBp,
		minimumFeeCents,
		reminderDaysBefore,
		feeVatRateBp,
		firstSubmissionDeadline,
		...rest
	} = settings
	return {
		...Object.fromEntries(Object.entries(rest).map(([name, value]) => [name, String(value)])),
		firstSubmissionDeadline: firstSubmissionDeadline ?? '',
		feeVatRate: feeVatRateBp === null ? '' : (feeVatRateBp / 100).toFixed(2).replace('.', ','),
		feeRate: (feeRateBp / 100).toFixed(2).replace('.', ','),
		minimumFee: (minimumFeeCents / 100).toFixed(2).replace('.', ','),
		reminderDaysBefore: reminderDaysBefore.join(', '),
		version: String(version),
	}
}

async function admin() {
	const user = await createUser({ staffRole: 'admin' })
	return sessionCookieFor(user.id)
}

describe('mark years', () => {
	it('creates the next year from the previous one, every date one year later', async () => {
		const cookie = await admin()
		await ensureMarkYear(2076, {
			qualificationDeadline: '2076-03-25',
			feeRateBp: 185,
			minimumFeeCents: 90_00,
			maxRevisions: 2,
		})
		const last = await db.markYear.findFirstOrThrow({ orderBy: { year: 'desc' } })
		const created = await callAction(yearsRoute, '/medewerkers/jaren', {}, {}, cookie)
		expect(created.response?.status).toBe(302)
		expect(created.response?.headers.get('Location')).toBe(`/medewerkers/jaren/${last.year + 1}`)
		const previous = toYearSettings(last)
		const next = toYearSettings(await db.markYear.findUniqueOrThrow({ where: { year: last.year + 1 } }))
		const shift = (date: string) => `${Number(date.slice(0, 4)) + 1}${date.slice(4)}`
		expect(next.qualificationDeadline).toBe(shift(previous.qualificationDeadline))
		expect(next.applicationOpensOn).toBe(shift(previous.applicationOpensOn))
		expect(next.turnoverReportDueOn).toBe(shift(previous.turnoverReportDueOn))
		expect(next).toMatchObject({
			feeRateBp: previous.feeRateBp,
			minimumFeeCents: previous.minimumFeeCents,
			maxRevisions: previous.maxRevisions,
		})
		expect(await db.auditEvent.count({ where: { action: 'mark_year.create', entityId: String(last.year + 1) } })).toBe(
			1,
		)

		// The list shows both years; an assessor may look but not create.
		const list = dataOf<{ years: { year: number }[] }>(
			(await callLoader(yearsRoute, '/medewerkers/jaren', {}, cookie)).value,
		).data
		expect(list.years.map((row) => row.year)).toEqual(expect.arrayContaining([last.year, last.year + 1]))
		const assessor = await sessionCookieFor((await createUser({ staffRole: 'assessor' })).id)
		expect((await callAction(yearsRoute, '/medewerkers/jaren', {}, {}, assessor)).response?.status).toBe(404)
	})

	it('changes dates and rates; a wrong date order or rate is a Dutch error next to the field, nothing stored', async () => {
		const cookie = await admin()
		const year = 2078
		const settings = toYearSettings(await ensureMarkYear(year))
		const path = `/medewerkers/jaren/${year}`
		const params = { year: String(year) }
		const { version } = await db.markYear.findUniqueOrThrow({ where: { year } })

		const wrong = {
			...yearFields(settings, version),
			applicationOpensOn: `${year - 1}-11-01`,
			applicationClosesOn: `${year - 1}-10-31`,
			qualificationDeadline: `${year}-03-31`,
			turnoverReportDueOn: `${year}-03-31`,
		}
		const refused = dataOf<Failure>((await callAction(yearRoute, path, params, wrong, cookie)).value)
		expect(refused.status).toBe(400)
		// Message keys, shown next to the field in the reader's language.
		expect(refused.data.fieldErrors.applicationClosesOn).toEqual(['refusals.settings_application_order'])
		expect(refused.data.fieldErrors.turnoverReportDueOn).toEqual(['refusals.settings_turnover_before_deadline'])
		expect(translate('nl', 'refusals.settings_application_order')).toBe(
			'De aanvraagperiode moet sluiten op of na de dag dat ze opent.',
		)
		expect(refused.data.values.applicationOpensOn).toBe(`${year - 1}-11-01`)
		const badRate = dataOf<Failure>(
			(
				await callAction(
					yearRoute,
					path,
					params,
					{ ...yearFields(settings, version), feeRate: 'veel', maxRevisions: 'twee' },
					cookie,
				)
			).value,
		)
		expect(badRate.data.fieldErrors).toMatchObject({
			feeRate: ['staff.errorFeeRate'],
			maxRevisions: ['staff.errorWholeNumber'],
		})
		expect(badRate.data.values.feeRate).toBe('veel')
		// Issue 16: the new settings (first-submission day, bezwaar period, VAT) are checked in Dutch.
		const badNew = dataOf<Failure>(
			(
				await callAction(
					yearRoute,
					path,
					params,
					{
						...yearFields(settings, version),
						firstSubmissionDeadline: `${year}-04-15`,
						objectionPeriodDays: '0',
						vatNumber: 'BE0123456789',
						feeVatRate: 'hoog',
					},
					cookie,
				)
			).value,
		)
		expect(badNew.status).toBe(400)
		expect(badNew.data.fieldErrors).toMatchObject({ feeVatRate: ['staff.errorVatRate'] })
		const badDates = dataOf<Failure>(
			(
				await callAction(
					yearRoute,
					path,
					params,
					{
						...yearFields(settings, version),
						firstSubmissionDeadline: `${year}-04-15`,
						objectionPeriodDays: '0',
						vatNumber: 'BE0123456789',
					},
					cookie,
				)
			).value,
		)
		expect(badDates.data.fieldErrors).toMatchObject({
			firstSubmissionDeadline: ['refusals.settings_first_submission_after_deadline'],
			objectionPeriodDays: ['refusals.settings_objection_period_too_short'],
			vatNumber: ['refusals.settings_vat_number'],
		})
		expect(translate('nl', 'refusals.settings_first_submission_after_deadline')).toBe(
			'De eerste indiendatum moet vóór de kwalificatiedeadline liggen, zodat er tijd is om aan te passen.',
		)
		expect(translate('nl', 'refusals.settings_vat_number')).toBe(
			'Vul een geldig btw-nummer in, bijvoorbeeld NL123456789B01.',
		)
		expect(toYearSettings(await db.markYear.findUniqueOrThrow({ where: { year } }))).toEqual(settings)

		const changed = {
			...yearFields(settings, version),
			qualificationDeadline: `${year}-03-15`,
			feeRate: '1,45',
			minimumFee: '80,00',
			maxRevisions: '2',
		}
		expect((await callAction(yearRoute, path, params, changed, cookie)).response?.status).toBe(302)
		const stored = await db.markYear.findUniqueOrThrow({ where: { year } })
		expect(toYearSettings(stored)).toMatchObject({
			qualificationDeadline: `${year}-03-15`,
			feeRateBp: 145,
			minimumFeeCents: 80_00,
			maxRevisions: 2,
		})
		expect(stored.version).toBe(version + 1)

		// The form still holding the old version is a conflict, never an overwrite.
		const stale = dataOf<Failure>(
			(await callAction(yearRoute, path, params, { ...changed, feeRate: '1,10' }, cookie)).value,
		)
		expect(stale.status).toBe(400)
		expect(stale.data.formErrors.join(' ')).toMatch(/Iemand anders/)
		expect((await db.markYear.findUniqueOrThrow({ where: { year } })).feeRateBp).toBe(145)
	})

	it('the assessment period (assessmentDays) is edited with validation and audited', async () => {
		const cookie = await admin()
		const year = 2079
		const settings = toYearSettings(await ensureMarkYear(year))
		expect(settings.assessmentDays).toBe(21)
		const path = `/medewerkers/jaren/${year}`
		const params = { year: String(year) }
		const { version } = await db.markYear.findUniqueOrThrow({ where: { year } })
		const page = (await callLoader(yearRoute, path, params, cookie)).value as { settings: YearSettings }
		expect(page.settings.assessmentDays).toBe(21)

		for (const [value, error] of [
			['0', 'refusals.settings_assessment_days_too_short'],
			['400', 'refusals.settings_days_too_many'],
			['twee', 'staff.errorWholeNumber'],
			['', 'staff.errorWholeNumber'],
		] as const) {
			const refused = dataOf<Failure>(
				(await callAction(yearRoute, path, params, { ...yearFields(settings, version), assessmentDays: value }, cookie))
					.value,
			)
			expect(refused.status, value).toBe(400)
			expect(refused.data.fieldErrors.assessmentDays, value).toEqual([error])
			expect(refused.data.values.assessmentDays).toBe(value)
		}
		expect((await db.markYear.findUniqueOrThrow({ where: { year } })).assessmentDays).toBe(21)

		const before = await db.auditEvent.count({ where: { action: 'mark_year.update', entityId: String(year) } })
		const saved = await callAction(
			yearRoute,
			path,
			params,
			{ ...yearFields(settings, version), assessmentDays: '14' },
			cookie,
		)
		expect(saved.response?.status).toBe(302)
		expect((await db.markYear.findUniqueOrThrow({ where: { year } })).assessmentDays).toBe(14)
		const audit = await db.auditEvent.findFirstOrThrow({
			where: { action: 'mark_year.update', entityId: String(year) },
			orderBy: { id: 'desc' },
		})
		expect(await db.auditEvent.count({ where: { action: 'mark_year.update', entityId: String(year) } })).toBe(
			before + 1,
		)
		expect(audit.before).toMatchObject({ assessmentDays: 21 })
		expect(audit.after).toMatchObject({ assessmentDays: 14 })
		// An assessor reads it but cannot change it.
		const assessor = await sessionCookieFor((await createUser({ staffRole: 'assessor' })).id)
		const refusedRole = await callAction(
			yearRoute,
			path,
			params,
			{ ...yearFields(settings, version + 1), assessmentDays: '30' },
			assessor,
		)
		expect(refusedRole.response?.status).toBe(404)
		expect((await db.markYear.findUniqueOrThrow({ where: { year } })).assessmentDays).toBe(14)
	})
})
