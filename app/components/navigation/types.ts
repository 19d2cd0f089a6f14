import type { MessageKey } from '#app/i18n/catalogue.ts'

export interface NavItem {
	to: string
	label: MessageKey
	end?: boolean
	/** Behind "Meer" (a disclosure at the end of the menu), so a long menu fits on one line. */
	more?: boolean
	/** A count beside the label (unread messages), with its words for screen readers. */
	badge?: { count: number; label: MessageKey }
}
