// Page titles are in the reader's language and end in the portal's name as the header shows it:
// "Keurmerkportaal" in Dutch, "Quality Mark Portal" in English. Twenty screens once wrote their
// title as a Dutch literal ('Kennisnetwerk · Keurmerkportaal'), so an English reader got a Dutch
// tab; every meta function now goes through `pageMeta`, and this test keeps it so.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { pageMeta } from '#app/i18n/meta.ts'
import { translate } from '#app/i18n/translate.ts'

function routeModules(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name)
		if (statSync(full).isDirectory()) return name === '+types' ? [] : routeModules(full)
		return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : []
	})
}

const matches = (locale: string) => [{ id: 'root', loaderData: { locale } }]

describe('page titles', () => {
	it('end in the name the header shows, in each language', () => {
		expect(translate('en', 'meta.portal')).toBe(translate('en', 'common.appName'))
		expect(translate('nl', 'meta.portal')).toBe(translate('nl', 'common.appName'))
		expect(pageMeta({ matches: matches('en') }, ['meta.network'])).toEqual([
			{ title: 'Knowledge network · Quality Mark Portal' },
		])
		// Dutch as it was.
		expect(
			pageMeta({ matches: matches('nl') }, [['meta.themesYear', { year: 2027 }], 'meta.network', 'meta.staff']),
		).toEqual([{ title: "Thema's 2027 · Kennisnetwerk · Medewerkers · Keurmerkportaal" }])
	})

	it('come from pageMeta in every route module, never from a literal', () => {
		const literal: string[] = []
		for (const file of [...routeModules('app/routes'), 'app/root.tsx']) {
			const source = readFileSync(file, 'utf8')
			const meta = /export const meta[^=]*=([\s\S]*?)(?=\nexport |\n\/\*\*|$)/.exec(source)?.[1]
			if (!meta) continue
			if (!meta.includes('pageMeta(') || /title:\s*['"`]/.test(meta)) literal.push(file)
		}
		expect(literal).toEqual([])
	})
})
