import type { Response as ExpressResponse } from 'express'

/** A Fetch answer in one piece with its length: a small JSON body needs no stream, nor compression. */
export async function sendResponse(res: ExpressResponse, response: Response) {
	res.status(response.status)
	response.headers.forEach((value, name) => {
		res.append(name, value)
	})
	const body = Buffer.from(await response.arrayBuffer())
	res.setHeader('Content-Length', body.byteLength)
	res.end(body)
}
