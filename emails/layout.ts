// The frame of every message: plain, readable in any mail client, with a text alternative.
import { html, type SafeHtml } from './html.ts'

export interface EmailContent {
	subject: string
	html: string
	text: string
}

export interface LayoutInput {
	subject: string
	/** One line shown by mail clients beside the subject. */
	preheader?: string
	body: SafeHtml
	text: string
	markName?: string
	/** The reader's language; the portal's mails are Dutch unless a message knows its reader's. */
	language?: 'nl' | 'en'
}

const FOOTER = {
	nl: (markName: string) => `U ontvangt dit bericht omdat u betrokken bent bij het ${markName}.`,
	en: (markName: string) => `You receive this message because you take part in the ${markName}.`,
}

export function layout({
	subject,
	preheader,
	body,
	text,
	markName = 'Keurmerk Basis GGZ',
	language = 'nl',
}: LayoutInput): EmailContent {
	const why = FOOTER[language](markName)
	const document = html`<!doctype html>
		<html lang="${language}">
			<head>
				<meta charset="utf-8" />
				<meta name="viewport" content="width=device-width" />
				<title>${subject}</title>
			</head>
			<body style="margin:0;padding:0;background:#f4f6f7;font-family:Arial,Helvetica,sans-serif;color:#1f2933;">
				${preheader ? html`<div style="display:none;max-height:0;overflow:hidden;">${preheader}</div>` : ''}
				<table
					role="presentation"
					width="100%"
					cellpadding="0"
					cellspacing="0"
					style="background:#f4f6f7;padding:24px 0;"
				>
					<tr>
						<td align="center">
							<table
								role="presentation"
								width="600"
								cellpadding="0"
								cellspacing="0"
								style="max-width:600px;width:100%;background:#ffffff;border-radius:6px;"
							>
								<tr>
									<td
										style="background:#0b5f6b;color:#ffffff;padding:16px 24px;font-size:18px;font-weight:bold;border-radius:6px 6px 0 0;"
									>
										${markName}
									</td>
								</tr>
								<tr>
									<td style="padding:24px;font-size:15px;line-height:1.5;">${body}</td>
								</tr>
								<tr>
									<td style="padding:16px 24px;font-size:12px;color:#52606d;border-top:1px solid #e4e7eb;">
										Stichting Kwaliteit in Basis GGZ (KiBG) · bedrijfsbureau · keurmerk@kibg.nl<br />
										${why}
									</td>
								</tr>
							</table>
						</td>
					</tr>
				</table>
			</body>
		</html>`
	const footer = `\n\n--\nStichting Kwaliteit in Basis GGZ (KiBG) · bedrijfsbureau · keurmerk@kibg.nl\n${why}\n`
	return { subject, html: document.value, text: `${text.trim()}${footer}` }
}

export function button(href: string, label: string): SafeHtml {
	return html`<p style="margin:24px 0;">
		<a
			href="${href}"
			style="background:#0b5f6b;color:#ffffff;padding:12px 20px;border-radius:4px;text-decoration:none;font-weight:bold;display:inline-block;"
			>${label}</a
		>
	</p>`
}
