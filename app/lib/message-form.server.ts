// Reading a new message of the conversation (issue 12 §4) from its multipart form, for the
// provider's and the staff's thread alike: the body through the upload reader's cap and the
// portal's input cleaning (control characters refused), the text checked with Zod, every file
// under the same rules as a self-evaluation document (name, size, content; app/lib/uploads.server.ts).
// A failure carries Dutch/English message keys for the form and the typed text, so nothing is lost.
// `sendMessageForm` is the whole action of both threads: read, store, answer.
import { data } from 'react-router'
import { z } from 'zod'
import { MESSAGE_MAX_ATTACHMENTS, MESSAGE_MAX_CHARS } from '#app/domain/conversation.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { attempt, type FormFailure, formFailure, parseForm, refusalFailure } from './forms.ts'
import { redirectWithToast } from './toast.server.ts'
import { refusedUploadInit } from './upload-refusal.server.ts'
import { type AcceptedUpload, acceptUpload, UploadRefused, type UploadForm, withUploadForm } from './uploads.server.ts'

export const messageSchema = z.object({
	body: z
		.string()
		.trim()
		.min(1, 'conversation.errorBodyRequired')
		.refine((body) => [...body].length <= MESSAGE_MAX_CHARS, 'conversation.errorBodyTooLong'),
	terug: z.string().max(500).optional(),
})

export type MessageFormResult =
	| { ok: true; body: string; attachments: AcceptedUpload[]; returnTo: string | null }
	| { ok: false; status: number; headers?: Record<string, string>; failure: FormFailure }

/** The message of an upload form read to disk (`withUploadForm`): its files are checked where they wait. */
export async function readMessageForm(upload: UploadForm): Promise<MessageFormResult> {
	const form = parseForm(messageSchema, upload.fields)
	const files = upload.filesOf('attachments').filter((file) => file.size > 0 || file.name !== '')
	const fieldErrors: Record<string, string[]> = form.success ? {} : { ...form.fieldErrors }
	const attachments: AcceptedUpload[] = []
	if (files.length > MESSAGE_MAX_ATTACHMENTS) fieldErrors.attachments = ['conversation.errorTooManyAttachments']
	else
		for (const file of files) {
			try {
				attachments.push(await acceptUpload(file))
			} catch (error) {
				if (!(error instanceof UploadRefused)) throw error
				fieldErrors.attachments = [...new Set([...(fieldErrors.attachments ?? []), error.key])]
			}
		}
	if (!form.success || Object.keys(fieldErrors).length > 0) {
		const values = form.success
			? { body: form.data.body, ...(form.data.terug ? { terug: form.data.terug } : {}) }
			: form.values
		return {
			ok: false,
			// An attachment that could not be checked just now: 503, try again (upload-refusal.server.ts).
			...refusedUploadInit(fieldErrors.attachments ?? []),
			failure: formFailure({ fieldErrors, formErrors: form.success ? [] : form.formErrors, values }),
		}
	}
	return { ok: true, body: form.data.body, attachments, returnTo: form.data.terug ?? null }
}

export interface MessageSender {
	/** The writer's language, for a refusal of the conversation service. */
	locale: Locale
	/** Stores the message in the route's thread as its writer (`postMessage` of the conversation service). */
	post: (message: { body: string; attachments: AcceptedUpload[] }) => Promise<{ id: string }>
	/** Where the writer lands after sending: the new message, on the thread or the page the panel was on. */
	landing: (messageId: string, returnTo: string | null) => string
}

/**
 * The action of a thread, the provider's and the staff's alike (the route has checked who writes
 * where): the form read as above, a refusal given back with the typed text, a sent message
 * answered by a redirect with a toast, so a reload never sends it twice.
 */
export async function sendMessageForm(request: Request, sender: MessageSender) {
	try {
		// Within the upload budget, like every upload form; the attachments are stored before the
		// temporary files go (issue 17).
		return await withUploadForm(request, (upload) => sendMessage(upload, sender))
	} catch (error) {
		// Over the cap the body is not read at all: there is nothing to give back.
		if (error instanceof UploadRefused) return data(formFailure({ formErrors: [error.key] }), { status: 413 })
		throw error
	}
}

async function sendMessage(upload: UploadForm, sender: MessageSender) {
	const form = await readMessageForm(upload)
	if (!form.ok) return data(form.failure, { status: form.status, headers: form.headers })
	const result = await attempt(() => sender.post({ body: form.body, attachments: form.attachments }))
	if (!result.ok)
		return data(refusalFailure(result.error, sender.locale, { body: form.body }), { status: result.error.status })
	return redirectWithToast(sender.landing(result.value.id, form.returnTo), {
		type: 'success',
		key: 'conversation.toastSent',
	})
}
