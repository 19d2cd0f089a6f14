import { describe, expect, test } from 'vitest'
import { defaultYearSettings, parseYearSettings } from './year-settings'

describe('defaultYearSettings', () => {
	test('2027 defaults follow 003 §3 and DOMAIN.md §3/§6', () => {
		expect(defaultYearSettings(2027)).toEqual({
			year: 2027,
			markName: 'Keurmerk Kortdurende Generalistische GGZ',
			normsPublishedOn: '2026-04-01',
			agreementsOfferedOn: '2026-05-01',
			feeRatePublishBy: '2026-05-31',
			applicationOpensOn: '2026-06-01',
			applicationClosesOn: '2026-10-31',
			listingOn: '2027-01-01',
			selfEvaluationOpensOn: '2027-01-01',
			qualificationDeadline: '2027-03-31',
			firstSubmissionDeadline: null,
			revisionGraceDays: 0,
			maxRevisions: 1,
			objectionPeriodDays: 42,
			assessmentDays: 21,
			feeRateBp: 170,
			minimumFeeCents: 7500,
			turnoverLabel: 'omzet monodisciplinaire GGZ',
			turnoverReportDueOn: '2028-03-01',
			invoicePaymentDays: 30,
			invoiceOverdueGraceDays: 30,
			reminderDaysBefore: [30, 14, 7, 1],
			vatNumber: 'NL850123456B01',
			feeVatRateBp: null,
			vatExemptionText: 'Over de afdracht wordt geen btw in rekening gebracht (vrijgesteld).',
		})
	})

	test('names and rates of earlier years', () => {
		expect(defaultYearSettings(2018).markName).toBe('Keurmerk Basis GGZ')
		expect(defaultYearSettings(2022).markName).toBe('Keurmerk Basis GGZ')
		expect(defaultYearSettings(2023).markName).toBe('Keurmerk Kortdurende Generalistische GGZ')
		expect(defaultYearSettings(2023).turnoverLabel).toBe('gerealiseerde omzet GBGGZ')
		expect(defaultYearSettings(2024).turnoverLabel).toBe('omzet monodisciplinaire GGZ')
		expect(defaultYearSettings(2015).feeRateBp).toBe(200)
		expect(defaultYearSettings(2016).feeRateBp).toBe(185)
		expect(defaultYearSettings(2018).feeRateBp).toBe(170)
	})

	test('returns a fresh reminder list each time', () => {
		const a = defaultYearSettings(2027)
		a.reminderDaysBefore.push(2)
		expect(defaultYearSettings(2027).reminderDaysBefore).toEqual([30, 14, 7, 1])
	})
})

describe('parseYearSettings', () => {
	test('accepts the defaults', () => {
		for (const year of [2018, 2022, 2027]) {
			expect(parseYearSettings(defaultYearSettings(year))).toEqual({
				ok: true,
				settings: defaultYearSettings(year),
			})
		}
	})

	test('reports a coded issue per field', () => {
		const result = parseYearSettings({
			...defaultYearSettings(2027),
			qualificationDeadline: '2027-02-30',
			feeRateBp: 1.5,
			reminderDaysBefore: [7, 7],
		})
		expect(result.ok).toBe(false)
		if (result.ok) return
		expect(result.issues).toEqual(
			expect.arrayContaining([
				{ path: 'qualificationDeadline', code: 'settings_invalid_date' },
				{ path: 'feeRateBp', code: 'settings_fee_rate_whole' },
				{ path: 'reminderDaysBefore', code: 'settings_reminder_duplicate' },
			]),
		)
	})

	test('checks the order of dates once every field is valid', () => {
		const result = parseYearSettings({
			...defaultYearSettings(2027),
			applicationClosesOn: '2026-05-01',
			turnoverReportDueOn: '2027-03-31',
		})
		expect(result).toEqual({
			ok: false,
			issues: [
				{ path: 'applicationClosesOn', code: 'settings_application_order' },
				{ path: 'turnoverReportDueOn', code: 'settings_turnover_before_deadline' },
			],
		})
	})
})
