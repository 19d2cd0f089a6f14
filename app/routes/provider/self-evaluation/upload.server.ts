// Receiving a document for a template question, shared by the norm page's plain form post
// (without JavaScript: answered with a redirect) and the upload resource route (with JavaScript:
// answered with JSON, so the browser can show a progress bar while the bytes travel; issue 13).
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { translateError } from '#app/i18n/errors.ts'
import type { Locale } from '#app/i18n/catalogue.ts'
import { attempt } from '#app/lib/forms.ts'
import { refusedUploadInit } from '#app/lib/upload-refusal.server.ts'
import { type UploadForm, UploadRefused, acceptUpload, withUploadForm } from '#app/lib/uploads.server.ts'
import { addDocument } from '#app/services/self-evaluation.server.ts'
import { actorOf } from './context.server.ts'

export type UploadOutcome =
	| { ok: true; fileId: string; evidenceKey: string }
	| {
			ok: false
			status: number
			/** Retry-After when the file could not be checked just now (app/lib/upload-refusal.server.ts). */
			headers?: Record<string, string>
			evidenceKey: string | null
			error: MessageKey | string
	  }

interface UploadInput {
	user: { id: string; locale: Locale }
	providerId: string
	year: number
	uploadKey: string | null
}

export function receiveUpload(request: Request, input: UploadInput): Promise<UploadOutcome> {
	// From the first byte read to the row stored, within the upload budget; the body waits in a
	// temporary file, removed however this ends (issue 17).
	return withUploadForm(request, (form) => checkAndStore(form, input)).catch((error: unknown) => {
		if (error instanceof UploadRefused) return refused(error, input)
		throw error
	})
}

async function checkAndStore(form: UploadForm, input: UploadInput): Promise<UploadOutcome> {
	try {
		const upload = await acceptUpload(form.file('file'))
		const replaces = form.fields.get('replaces')
		const evidenceKey = input.uploadKey ?? String(form.fields.get('evidenceKey') ?? '')
		const result = await attempt(() =>
			addDocument(actorOf(input.user), {
				providerId: input.providerId,
				year: input.year,
				evidenceKey,
				upload,
				replacesFileId: typeof replaces === 'string' && replaces ? replaces : null,
			}),
		)
		if (!result.ok)
			return {
				ok: false,
				status: result.error.status,
				evidenceKey: input.uploadKey,
				error: translateError(result.error, input.user.locale),
			}
		return { ok: true, fileId: result.value.fileId, evidenceKey }
	} catch (error) {
		if (error instanceof UploadRefused) return refused(error, input)
		throw error
	}
}

function refused(error: UploadRefused, input: UploadInput): UploadOutcome {
	return { ok: false, ...refusedUploadInit([error.key]), evidenceKey: input.uploadKey, error: error.key }
}
