// The form of a consultation's settings (staff): the window, the introduction, who may react, and
// the process as entered for the changes document (seed 004 §2). One schema for the action and the
// field errors; meetings are one per line: "2027-01-28 | online werkconferentie | 30".
import { z } from 'zod'
import { isCalendarDate } from '#app/domain/amsterdam-time.ts'
import type { Meeting } from '#app/domain/consultation.ts'
import { checkboxField } from '#app/lib/forms.ts'
import type { ConsultationSettings } from '#app/services/consultation.server.ts'

const date = z.string().trim().refine(isCalendarDate, 'consultation.errorDate')
const optionalText = (max: number) =>
	z
		.string()
		.trim()
		.max(max, 'consultation.errorTextTooLong')
		.optional()
		.transform((value) => (value ? value.replace(/\r\n/g, '\n') : null))

export function parseMeetings(text: string): Meeting[] | null {
	const meetings: Meeting[] = []
	for (const line of text
		.split(/\r?\n/)
		.map((entry) => entry.trim())
		.filter(Boolean)) {
		const [day, title, participants] = line.split('|').map((part) => part.trim())
		if (!day || !isCalendarDate(day) || !title || title.length > 200) return null
		if (participants && !/^\d{1,5}$/.test(participants)) return null
		meetings.push({ date: day, title, participants: participants ? Number(participants) : null })
	}
	return meetings.length > 20 ? null : meetings
}

export function meetingsText(meetings: readonly Meeting[]): string {
	return meetings
		.map((meeting) => [meeting.date, meeting.title, meeting.participants ?? ''].join(' | ').replace(/ \| $/, ''))
		.join('\n')
}

export const settingsSchema = z
	.object({
		opensOn: date,
		closesOn: date,
		introduction: z
			.string()
			.trim()
			.min(10, 'consultation.errorIntroduction')
			.max(5000, 'consultation.errorTextTooLong'),
		openToCarriers: checkboxField,
		openToOrganisations: checkboxField,
		openToPublic: checkboxField,
		organisationsInvited: z
			.string()
			.trim()
			.regex(/^\d{0,5}$/, 'consultation.errorCount')
			.optional()
			.transform((value) => (value ? Number(value) : null)),
		processText: optionalText(5000),
		summary: optionalText(10_000),
		meetings: z
			.string()
			.max(5000, 'consultation.errorTextTooLong')
			.optional()
			.transform((value, ctx) => {
				const parsed = parseMeetings(value ?? '')
				if (!parsed) {
					ctx.addIssue({ code: 'custom', message: 'consultation.errorMeetings' })
					return z.NEVER
				}
				return parsed
			}),
	})
	.refine((value) => value.closesOn >= value.opensOn, { path: ['closesOn'], message: 'consultation.errorWindow' })
	.refine((value) => value.openToCarriers || value.openToOrganisations || value.openToPublic, {
		path: ['openToCarriers'],
		message: 'consultation.errorAudience',
	})

export function toSettings(data: z.output<typeof settingsSchema>): ConsultationSettings {
	return { ...data }
}
