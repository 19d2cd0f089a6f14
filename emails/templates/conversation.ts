// The notification of a new message in the conversation about a participation (issue 12 §4), in
// the recipient's language. It says who wrote and links to the thread; the message itself is not
// in the mail (mail is not the place for what a provider and KiBG discuss about care quality, and
// a forwarded or misdirected mail then discloses nothing).
import type { Locale } from '#app/i18n/catalogue.ts'
import { translate } from '#app/i18n/translate.ts'
import { html } from '../html.ts'
import { button, type EmailContent, layout } from '../layout.ts'

export interface ConversationMessageData {
	language: Locale
	/** Null for the office's mailbox. */
	recipientName: string | null
	providerName: string
	markName: string
	year: number
	/** Who wrote: KiBG ('staff', the mail goes to the provider's members) or the provider. */
	from: 'staff' | 'provider'
	attachments: number
	threadUrl: string
}

export function conversationMessage(data: ConversationMessageData): EmailContent {
	const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
		translate(data.language, key, params)
	const facts = { provider: data.providerName, markName: data.markName, year: data.year }
	const subject =
		data.from === 'staff' ? t('conversation.mailSubjectToProvider', facts) : t('conversation.mailSubjectToStaff', facts)
	const greeting = data.recipientName
		? t('conversation.mailGreeting', { name: data.recipientName })
		: t('conversation.mailGreetingOffice')
	const paragraphs = [
		data.from === 'staff' ? t('conversation.mailToProvider', facts) : t('conversation.mailToStaff', facts),
		t('conversation.mailAttachments', { count: data.attachments }),
		t('conversation.mailPrivacy'),
	].filter(Boolean)
	const cta = t('conversation.mailButton')
	const closing = t('conversation.mailClosing')
	const signature = t('conversation.mailSignature')
	const body = html`<p>${greeting}</p>
		${paragraphs.map((paragraph) => html`<p>${paragraph}</p>`)} ${button(data.threadUrl, cta)}
		<p>${closing}<br />${signature}</p>`
	const text = [greeting, ...paragraphs, `${cta}:\n${data.threadUrl}`, `${closing}\n${signature}`].join('\n\n')
	return layout({ subject, body, text, markName: data.markName, language: data.language })
}
