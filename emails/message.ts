// The shape every message to a provider shares: a greeting with the organisation's name, blocks
// of content, an optional button to the portal and KiBG's closing. The HTML and the plain-text
// versions are built from the same blocks, so they always say the same.
import { html, SafeHtml } from './html.ts'
import { button, type EmailContent, layout } from './layout.ts'

export interface ProviderMailBase {
	providerName: string
	markName: string
	/** Where the button leads: the provider's page in the portal. */
	portalUrl: string
}

/** A paragraph (plain text is escaped; SafeHtml may carry <strong> and links), a list, or label/value rows. */
export type Block = string | SafeHtml | { list: (string | SafeHtml)[] } | { facts: [label: string, value: string][] }

export interface MessageInput {
	subject: string
	preheader?: string
	blocks: Block[]
	/** Label of the button to `portalUrl` (or to `ctaUrl`). */
	cta?: string
	ctaUrl?: string
}

export function providerMessage(
	base: ProviderMailBase,
	{ subject, preheader, blocks, cta, ctaUrl }: MessageInput,
): EmailContent {
	const href = ctaUrl ?? base.portalUrl
	const body = html`<p>Beste ${base.providerName},</p>
		${blocks.map(blockHtml)} ${cta ? button(href, cta) : ''}
		<p>Met vriendelijke groet,<br />Bedrijfsbureau Stichting KiBG</p>`
	const text = [
		`Beste ${base.providerName},`,
		...blocks.map(blockText),
		cta ? `${cta}:\n${href}` : '',
		'Met vriendelijke groet,\nBedrijfsbureau Stichting KiBG',
	]
		.filter(Boolean)
		.join('\n\n')
	return layout({ subject, preheader, body, text, markName: base.markName })
}

function blockHtml(block: Block): SafeHtml {
	if (typeof block === 'string' || block instanceof SafeHtml) return html`<p>${block}</p>`
	if ('list' in block)
		return html`<ul>
			${block.list.map((item) => html`<li>${item}</li>`)}
		</ul>`
	return html`<table
		role="presentation"
		cellpadding="0"
		cellspacing="0"
		style="margin:0 0 16px;border-collapse:collapse;"
	>
		${block.facts.map(
			([label, value]) =>
				html`<tr>
					<td style="padding:2px 16px 2px 0;color:#52606d;vertical-align:top;">${label}</td>
					<td style="padding:2px 0;font-weight:bold;">${value}</td>
				</tr>`,
		)}
	</table>`
}

function blockText(block: Block): string {
	if (typeof block === 'string') return block
	if (block instanceof SafeHtml) return toPlainText(block.value)
	if ('list' in block)
		return block.list.map((item) => `- ${typeof item === 'string' ? item : toPlainText(item.value)}`).join('\n')
	const width = Math.max(...block.facts.map(([label]) => label.length))
	return block.facts.map(([label, value]) => `${`${label}:`.padEnd(width + 2)}${value}`).join('\n')
}

/** The plain-text reading of our own small HTML fragments: links keep their address, lists their bullets. */
export function toPlainText(fragment: string): string {
	return decodeEntities(
		fragment
			.replace(/<br\s*\/?>/gi, '\n')
			.replace(/<li[^>]*>/gi, '- ')
			.replace(/<\/li>/gi, '\n')
			.replace(/<a\s[^>]*href="([^"]*)"[^>]*>(.*?)<\/a>/gi, (_match, href: string, label: string) =>
				label === href ? href : `${label} (${href})`,
			)
			.replace(/<[^>]+>/g, ''),
	)
		.split('\n')
		.map((line) => line.trim())
		.join('\n')
		.trim()
}

function decodeEntities(value: string): string {
	return value
		.replace(/&lt;/g, '<')
		.replace(/&gt;/g, '>')
		.replace(/&quot;/g, '"')
		.replace(/&#39;/g, "'")
		.replace(/&amp;/g, '&')
}
