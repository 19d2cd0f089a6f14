import type { MessageKey } from '#app/i18n/catalogue.ts'

export interface NavItem {
	to: string
	label: MessageKey
	end?: boolean
	/** A count beside the label (unread messages), with its words for screen readers. */
	badge?: { count: number; label: MessageKey }
}
