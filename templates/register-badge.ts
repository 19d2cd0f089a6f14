// The register badge (issue 13): an SVG a carrier puts on its own website, linking to its live
// page in the register. It states the status of this moment, so a withdrawn carrier's badge says
// so instead of showing a valid mark. Pure: the texts come translated, every one is escaped.

export type BadgeTone = 'qualified' | 'listed' | 'invalid'

export interface BadgeInput {
	/** The mark's name of the year, e.g. "Keurmerk Basis GGZ". */
	markName: string
	/** The carrier's name (so a copied badge on another site gives itself away). */
	carrierName: string
	/** The status line, e.g. "Gekwalificeerd 2027" or "Geen geldig keurmerk". */
	statusText: string
	tone: BadgeTone
	/** Accessible name of the image. */
	title: string
}

export const BADGE_WIDTH = 260
export const BADGE_HEIGHT = 72

// Colours of app.css, with text contrast ≥ 4.5:1 on their backgrounds.
const TONES: Record<BadgeTone, { accent: string; soft: string; text: string }> = {
	qualified: { accent: '#1e6b3a', soft: '#e5f4ea', text: '#1e6b3a' },
	listed: { accent: '#1d4e89', soft: '#e8f0fb', text: '#1d4e89' },
	invalid: { accent: '#b3261e', soft: '#fdecea', text: '#b3261e' },
}

export function escapeXml(value: string): string {
	return value.replace(/[<>&"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

/** Cuts a text that would not fit the badge, with an ellipsis. */
export function fit(value: string, max: number): string {
	const chars = [...value]
	return chars.length <= max
		? value
		: `${chars
				.slice(0, max - 1)
				.join('')
				.trimEnd()}…`
}

/**
 * A text that would run past `width` px is drawn narrower (SVG textLength) instead of being
 * clipped by the badge's edge: "Keurmerk Kortdurende Generalistische GGZ" is wider than the badge.
 * The width is an estimate (an average glyph of 0.6 em): fonts differ between the sites showing it.
 */
export function squeeze(value: string, fontSize: number, width: number): string {
	const estimate = [...value].length * fontSize * 0.6
	return estimate > width ? ` textLength="${width}" lengthAdjust="spacingAndGlyphs"` : ''
}

export function registerBadgeSvg(input: BadgeInput): string {
	const tone = TONES[input.tone]
	const mark = fit(input.markName, 34)
	const name = fit(input.carrierName, 36)
	const status = fit(input.statusText, 30)
	const textWidth = BADGE_WIDTH - 62 - 8
	const title = escapeXml(input.title)
	const font = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
	return `<svg xmlns="http://www.w3.org/2000/svg" width="${BADGE_WIDTH}" height="${BADGE_HEIGHT}" viewBox="0 0 ${BADGE_WIDTH} ${BADGE_HEIGHT}" role="img" aria-label="${title}">
<title>${title}</title>
<rect x="0.5" y="0.5" width="${BADGE_WIDTH - 1}" height="${BADGE_HEIGHT - 1}" rx="6" fill="#ffffff" stroke="${tone.accent}"/>
<rect x="0.5" y="0.5" width="52" height="${BADGE_HEIGHT - 1}" rx="6" fill="#0b5f6b"/>
<rect x="40" y="0.5" width="13" height="${BADGE_HEIGHT - 1}" fill="#0b5f6b"/>
<text x="26.5" y="45" text-anchor="middle" font-family="${font}" font-size="28" font-weight="800" fill="#ffffff">K</text>
<text x="62" y="20" font-family="${font}" font-size="11.5" font-weight="700" fill="#1f2933"${squeeze(mark, 11.5, textWidth)}>${escapeXml(mark)}</text>
<text x="62" y="37" font-family="${font}" font-size="11" fill="#52606d"${squeeze(name, 11, textWidth)}>${escapeXml(name)}</text>
<rect x="62" y="45" width="${BADGE_WIDTH - 72}" height="20" rx="10" fill="${tone.soft}"/>
<text x="72" y="59" font-family="${font}" font-size="11.5" font-weight="700" fill="${tone.text}"${squeeze(status, 11.5, BADGE_WIDTH - 72 - 20)}>${escapeXml(status)}</text>
</svg>
`
}
