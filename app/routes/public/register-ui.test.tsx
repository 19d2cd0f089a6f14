import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { StatusLegend } from './register-ui.tsx'
import { I18nProvider } from '#app/i18n/react.tsx'

const legend = (locale: 'nl' | 'en', qualificationDeadline: string | null) =>
	renderToStaticMarkup(
		<I18nProvider locale={locale}>
			<StatusLegend qualificationDeadline={qualificationDeadline} />
		</I18nProvider>,
	)

describe('the register legend', () => {
	it("names the shown year's own qualification deadline, inclusive, never a fixed 1 April", () => {
		// A year whose deadline moved to 14 April (DOMAIN.md §3: every date is a setting of the year).
		const dutch = legend('nl', '2031-04-14')
		expect(dutch).toContain('Zij moet zich uiterlijk 14 april 2031 kwalificeren')
		expect(dutch).not.toContain('1 april')
		expect(legend('en', '2031-04-14')).toContain('It must qualify with a self-evaluation by 14 April 2031')
	})

	it('speaks of the year’s deadline in words when no year is known', () => {
		expect(legend('nl', null)).toContain('vóór de kwalificatiedeadline van het jaar')
		expect(legend('en', null)).toContain('by the year’s qualification deadline')
	})
})
