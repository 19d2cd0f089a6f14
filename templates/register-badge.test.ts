import { describe, expect, it } from 'vitest'
import { escapeXml, fit, registerBadgeSvg, squeeze } from './register-badge'

describe('register badge', () => {
	it('escapes every text, so a provider name cannot inject markup', () => {
		const svg = registerBadgeSvg({
			markName: 'Keurmerk Basis GGZ',
			carrierName: '<script>alert(1)</script> & "Zoë"',
			statusText: 'Gekwalificeerd 2027',
			tone: 'qualified',
			title: 'Keurmerk <b>',
		})
		expect(svg).not.toContain('<script>')
		expect(svg).not.toContain('<b>')
		expect(svg).toContain('&#60;script&#62;alert(1)&#60;/script&#62; &#38; &#34;Zoë&#34;')
		expect(svg).toContain('#1e6b3a')
	})

	it('shows an invalid badge in its own colour', () => {
		const svg = registerBadgeSvg({
			markName: 'Keurmerk Basis GGZ',
			carrierName: 'Praktijk',
			statusText: 'Geen geldig keurmerk',
			tone: 'invalid',
			title: 'x',
		})
		expect(svg).toContain('#b3261e')
		expect(svg).not.toContain('#1e6b3a')
	})

	it('cuts long texts with an ellipsis, counting characters not UTF-16 units', () => {
		expect(fit('Psychologenpraktijk', 10)).toBe('Psycholog…')
		expect(fit('kort', 10)).toBe('kort')
		expect([...fit('😀'.repeat(20), 5)]).toHaveLength(5)
		expect(escapeXml(`'`)).toBe('&#39;')
	})

	it('draws a text too wide for the badge narrower instead of letting the edge clip it', () => {
		const svg = registerBadgeSvg({
			markName: 'Keurmerk Kortdurende Generalistische GGZ',
			carrierName: 'Praktijk Visser',
			statusText: 'Gekwalificeerd 2027',
			tone: 'qualified',
			title: 'x',
		})
		expect(svg).toMatch(/textLength="190" lengthAdjust="spacingAndGlyphs">Keurmerk Kortdurende Generalistis…</)
		expect(svg).toMatch(/fill="#52606d">Praktijk Visser</)
		expect(squeeze('Keurmerk Basis GGZ', 11.5, 190)).toBe('')
	})
})
