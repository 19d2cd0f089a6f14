import { describe, expect, it } from 'vitest'
import { AppError, ERROR_CODES, refusal } from '#app/domain/errors.ts'
import { translateError } from '#app/i18n/errors.ts'
import { catalogues } from '#app/i18n/translate.ts'

describe('the coded error model', () => {
	it('has a message for every code in both languages', () => {
		for (const code of ERROR_CODES) {
			expect(catalogues.nl.refusals[code], code).toBeTruthy()
			expect(catalogues.en.refusals[code], code).toBeTruthy()
		}
	})

	it('formats parameters in the reader’s language: days, amounts, labels', () => {
		const closed = new AppError('application_window_closed', {
			year: 2027,
			opensOn: { date: '2026-06-01' },
			closesOn: { date: '2026-10-31' },
		})
		expect(closed.status).toBe(409)
		expect(translateError(closed, 'nl')).toBe(
			'Het keurmerk 2027 kan worden aangevraagd van 1 juni 2026 tot en met 31 oktober 2026.',
		)
		expect(translateError(closed, 'en')).toBe(
			'The 2027 quality mark can be applied for from 1 June 2026 up to and including 31 October 2026.',
		)
		const wrong = refusal('wrong_state', { state: { label: 'states.qualified' } })
		expect(translateError(wrong, 'nl')).toBe('Dit kan niet in de huidige status van de deelname (Gekwalificeerd).')
		expect(translateError(wrong, 'en')).toContain('(Qualified)')
	})

	it('keeps the code, not a sentence, in the log message', () => {
		const error = new AppError('revision_overdue', { dueOn: { date: '2027-04-14' } })
		expect(error.message).toBe('revision_overdue {"dueOn":{"date":"2027-04-14"}}')
		expect(error.message).not.toMatch(/termijn/)
	})
})
