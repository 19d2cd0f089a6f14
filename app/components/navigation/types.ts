import type { MessageKey } from '#app/i18n/catalogue.ts'

export interface NavItem {
	to: string
	label: MessageKey
	end?: boolean
}
