// The Zod schemas of the provider's forms, shared by the actions (parsing), the services (input
// types) and the components (option lists). Messages are keys of app/i18n/nl/provider.ts (Dutch).
import { z } from 'zod'
import { checkboxField, emailField } from '#app/lib/forms.ts'

/** A missing field is read as empty, so it gets our message rather than Zod's type error. */
const present = <T extends z.ZodType>(schema: T) =>
	z.preprocess((value) => (typeof value === 'string' ? value : ''), schema)

const text = (max: number, required: string) =>
	present(z.string().trim().min(1, required).max(max, 'provider.errorTooLong'))
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'provider.errorTooLong')
		.optional()
		.transform((value) => (value ? value : null))

/** Eight digits; spaces and dots as people type them are ignored. */
const eightDigits = (message: string) =>
	present(
		z
			.string()
			.transform((value) => value.replace(/[\s.]/g, ''))
			.pipe(z.string().regex(/^\d{8}$/, message)),
	)

/** Dutch postcode, stored as '1234 AB'. */
export const postcodeField = present(
	z
		.string()
		.trim()
		.transform((value) => value.toUpperCase().replace(/\s+/g, ''))
		.pipe(z.string().regex(/^[1-9]\d{3}[A-Z]{2}$/, 'provider.errorPostcode'))
		.transform((value) => `${value.slice(0, 4)} ${value.slice(4)}`),
)

/** A website; 'www.praktijk.nl' is read as 'https://www.praktijk.nl'. */
export const websiteField = present(
	z
		.string()
		.trim()
		.max(300, 'provider.errorTooLong')
		.transform((value) => (value && !/^https?:\/\//i.test(value) ? `https://${value}` : value))
		.pipe(
			z.union([
				z.literal(''),
				z.string().refine((value) => {
					try {
						const url = new URL(value)
						return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
					} catch {
						return false
					}
				}, 'provider.errorWebsite'),
			]),
		)
		.transform((value) => value || null),
)

const organisationEmail = present(
	z
		.string()
		.trim()
		.min(1, 'provider.errorEmailRequired')
		.max(254, 'provider.errorEmail')
		.pipe(z.email('provider.errorEmail'))
		.transform((email) => email.toLowerCase()),
)

/** The organisation's details (application and profile). */
export const organisationFields = {
	name: text(200, 'provider.errorNameRequired'),
	type: z.enum(['independent_practice', 'institution'], 'provider.errorTypeRequired'),
	agbCode: eightDigits('provider.errorAgb'),
	street: text(200, 'provider.errorStreetRequired'),
	houseNumber: text(20, 'provider.errorHouseNumberRequired'),
	postcode: postcodeField,
	city: text(100, 'provider.errorCityRequired'),
	website: websiteField,
	email: organisationEmail,
	phone: optionalText(30),
	offersChronicEchelon: z.enum(['yes', 'no'], 'provider.errorChronicRequired').transform((value) => value === 'yes'),
}

export const MARK_HISTORY = ['never', 'carrier', 'withdrawn'] as const

// Keys in the order the form shows its fields: the error summary lists them in this order.
export const applicationSchema = z.object({
	kvkNumber: eightDigits('provider.errorKvk'),
	...organisationFields,
	contactName: text(120, 'provider.errorContactNameRequired'),
	contactFunction: text(120, 'provider.errorContactFunctionRequired'),
	contactEmail: present(
		z
			.string()
			.trim()
			.min(1, 'provider.errorContactEmailRequired')
			.max(254, 'provider.errorEmail')
			.pipe(z.email('provider.errorEmail'))
			.transform((email) => email.toLowerCase()),
	),
	markHistory: z.enum(MARK_HISTORY, 'provider.errorMarkHistoryRequired'),
	withdrawalExplanation: optionalText(2000),
})
export type ApplicationInput = z.output<typeof applicationSchema>

export const profileSchema = z.object({ ...organisationFields, version: z.coerce.number().int().min(1) })
export type ProfileInput = z.output<typeof profileSchema>

export const signSchema = z.object({
	intent: z.literal('sign'),
	agreementId: z.string().min(1).max(40),
	signerName: text(120, 'provider.errorSignerNameRequired'),
	signerFunction: text(120, 'provider.errorSignerFunctionRequired'),
	consent: checkboxField.refine((value) => value, 'provider.errorConsentRequired'),
})

export const declineSchema = z.object({
	intent: z.literal('decline'),
	agreementId: z.string().min(1).max(40),
	declineReason: optionalText(2000),
	confirmDecline: checkboxField.refine((value) => value, 'provider.errorDeclineConfirm'),
})

export const inviteSchema = z.object({
	intent: z.literal('invite'),
	name: text(120, 'provider.errorMemberNameRequired'),
	email: emailField,
	jobTitle: optionalText(120),
	canSign: checkboxField,
})

export const memberActionSchema = z.object({
	intent: z.enum(['grant', 'revoke', 'remove']),
	membershipId: z.string().min(1).max(40),
})

export const turnoverSchema = z.object({
	participationId: z.string().min(1).max(40),
	amount: present(z.string().trim().min(1, 'provider.errorTurnoverRequired').max(30, 'provider.errorTurnover')),
})
