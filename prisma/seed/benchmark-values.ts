// Plausible spiegelrapportage figures for the demo world, the test fixtures and the benchmark:
// seeded and reproducible (the same provider and year always give the same numbers), with a stable
// character per provider (its own level, kept across years) and some noise per year, so a report
// has a believable trend. Around the published figures where there are any: seed 004 names an
// average of about 750 minutes per treatment; 2018 norm 9 asked ROM for at least 60 %.
import { cyrb53 } from '#app/domain/prng.ts'

type ProviderType = 'independent_practice' | 'institution'

/** A uniform number in [0, 1) from a text. */
function unit(text: string): number {
	return cyrb53(text) / 2 ** 53
}

/** Roughly normal (Irwin–Hall of four uniforms), mean 0, sd 1. */
function normal(text: string): number {
	let sum = 0
	for (let i = 0; i < 4; i++) sum += unit(`${text}#${i}`)
	return (sum - 2) * Math.sqrt(3)
}

const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value))
const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals

/** The values of the standard indicators for one provider and year. */
export function plausibleIndicatorValues(
	providerKey: string,
	year: number,
	type: ProviderType,
): Record<string, number> {
	const own = (name: string) => normal(`${providerKey}:${name}`) // the provider's character
	const noise = (name: string) => normal(`${providerKey}:${name}:${year}`)
	const institution = type === 'institution'
	// A slow improvement over the demo's years (2025 onwards), not beyond them.
	const years = clamp(year - 2025, 0, 3)
	const minutes = clamp(
		760 + (institution ? 40 : 0) + 110 * own('minutes') + 35 * noise('minutes') - 8 * years,
		250,
		2400,
	)
	return {
		'finished-clients': Math.round(
			institution
				? clamp(900 * Math.exp(0.6 * own('size')) * (1 + 0.08 * noise('size')), 150, 8000)
				: clamp(110 * Math.exp(0.5 * own('size')) * (1 + 0.1 * noise('size')), 15, 600),
		),
		'treatment-minutes': Math.round(minutes),
		'within-800-share': round(clamp(62 - (minutes - 760) / 9 + 6 * noise('within'), 15, 99), 1),
		'rom-pre-post-share': round(clamp(66 + 11 * own('rom') + 5 * noise('rom') + 1.5 * years, 20, 98), 1),
		'weeks-to-start': round(clamp(4.5 + (institution ? 1.5 : 0) + 2 * own('wait') + 0.8 * noise('wait'), 0.5, 20), 1),
		'client-experience': round(clamp(8.1 + 0.35 * own('cq') + 0.15 * noise('cq'), 6, 9.8), 1),
		'short-treatments-share': round(clamp(11 + 4 * own('short') + 2 * noise('short'), 1, 40), 1),
	}
}

/** Whether a carrier delivers that year: most do, a few never, a few skip a year. */
export function delivers(providerKey: string, year: number): boolean {
	if (unit(`${providerKey}:never`) < 0.08) return false
	return unit(`${providerKey}:delivers:${year}`) >= 0.1
}
