// Request bodies are capped before anything reads them (issue 15, finding 2): a declared length
// over the cap is answered 413 at once, with a Dutch page, without reading a byte of the body, and
// the connection is closed so the rest is not received: after a bounded wait, so that the client
// reads the answer before the close (server/lingering-close.ts). A body without a declared length
// (chunked) is cut off by the reader itself: readForm (app/lib/forms.ts) after 1 MB, uploads
// (app/lib/uploads.server.ts) after their own cap.
import type { NextFunction, Request, Response } from 'express'
import { MAX_FORM_BODY_BYTES } from '#app/lib/forms.ts'
import { MAX_UPLOAD_BYTES } from '#app/lib/upload-limits.ts'
import { lingerBeforeClosing } from './lingering-close.ts'

/** Room for the multipart envelope and the fields next to the file (as in uploads.server.ts). */
const UPLOAD_ENVELOPE_BYTES = 64 * 1024

export function bodyLimitFor(contentType: string | undefined): number {
	return /^multipart\/form-data\b/i.test(contentType ?? '')
		? MAX_UPLOAD_BYTES + UPLOAD_ENVELOPE_BYTES
		: MAX_FORM_BODY_BYTES
}

export function bodyLimit(req: Request, res: Response, next: NextFunction) {
	const declared = Number(req.get('content-length') ?? 'NaN')
	if (!Number.isFinite(declared) || declared <= bodyLimitFor(req.get('content-type'))) return next()
	lingerBeforeClosing(req)
	res.status(413).set('Connection', 'close').type('html').send(tooLargePage)
}

const tooLargePage = `<!doctype html>
<html lang="nl">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Te veel gegevens verstuurd — Keurmerkportaal</title></head>
<body>
<main>
<p>Foutcode 413</p>
<h1>Te veel gegevens verstuurd</h1>
<p>Wat u verstuurde is groter dan het portaal aanneemt: een formulier hoogstens 1 MB, een bestand hoogstens 20 MB. Ga terug, maak de tekst of het bestand kleiner en probeer het opnieuw.</p>
<p><a href="/">Naar de startpagina</a></p>
</main>
</body>
</html>
`
