// Shared by the self-evaluation integration tests: a listed provider with a member and a session,
// and multipart requests as a browser sends them.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { getEnv } from '#app/lib/env.server.ts'
import { createListedParticipation } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createProviderWithMember } from '#test/fixtures/factories.ts'
import { baseUrl, sessionCookieFor } from '#test/fixtures/requests.ts'

export const TEMPLATE_KEY = 'shared-decision-treatment-plan.format'
export const TEXT_KEY = 'waiting-time-use.explanation'

export async function listedProvider(year: number) {
	const { provider, user } = await createProviderWithMember()
	const { participationId } = await createListedParticipation({ year, providerId: provider.id })
	return { provider, user, participationId, cookie: await sessionCookieFor(user.id), base: `/aanbieder/${provider.id}/zelfevaluatie/${year}` }
}

export function multipartRequest(pathname: string, fields: Record<string, string | File>, cookie: string, headers: Record<string, string> = {}): Request {
	const form = new FormData()
	for (const [name, value] of Object.entries(fields)) form.set(name, value)
	return new Request(`${baseUrl}${pathname}`, { method: 'POST', body: form, headers: { cookie, ...headers } })
}

/** Whether any stored file holds exactly these bytes. */
export function storedOnDisk(bytes: Uint8Array): boolean {
	const root = path.resolve(getEnv().FILE_STORAGE_DIR)
	const walk = (dir: string): string[] => {
		let entries: string[] = []
		try {
			entries = readdirSync(dir)
		} catch {
			return []
		}
		return entries.flatMap((entry) => {
			const full = path.join(dir, entry)
			return statSync(full).isDirectory() ? walk(full) : [full]
		})
	}
	return walk(root).some((file) => statSync(file).size === bytes.byteLength && Buffer.compare(readFileSync(file), Buffer.from(bytes)) === 0)
}

/** A minimal DOCX: a ZIP with [Content_Types].xml and word/document.xml (stored, no compression). */
export function tinyZip(entries: Record<string, string>): Uint8Array {
	const encoder = new TextEncoder()
	const locals: Uint8Array[] = []
	const centrals: Uint8Array[] = []
	let offset = 0
	for (const [name, content] of Object.entries(entries)) {
		const nameBytes = encoder.encode(name)
		const data = encoder.encode(content)
		const crc = crc32(data)
		const local = new Uint8Array(30 + nameBytes.length + data.length)
		const lv = new DataView(local.buffer)
		lv.setUint32(0, 0x04034b50, true)
		lv.setUint16(4, 20, true)
		lv.setUint32(14, crc, true)
		lv.setUint32(18, data.length, true)
		lv.setUint32(22, data.length, true)
		lv.setUint16(26, nameBytes.length, true)
		local.set(nameBytes, 30)
		local.set(data, 30 + nameBytes.length)
		const central = new Uint8Array(46 + nameBytes.length)
		const cv = new DataView(central.buffer)
		cv.setUint32(0, 0x02014b50, true)
		cv.setUint16(4, 20, true)
		cv.setUint16(6, 20, true)
		cv.setUint32(16, crc, true)
		cv.setUint32(20, data.length, true)
		cv.setUint32(24, data.length, true)
		cv.setUint16(28, nameBytes.length, true)
		cv.setUint32(42, offset, true)
		central.set(nameBytes, 46)
		locals.push(local)
		centrals.push(central)
		offset += local.length
	}
	const centralSize = centrals.reduce((sum, part) => sum + part.length, 0)
	const end = new Uint8Array(22)
	const ev = new DataView(end.buffer)
	ev.setUint32(0, 0x06054b50, true)
	ev.setUint16(8, centrals.length, true)
	ev.setUint16(10, centrals.length, true)
	ev.setUint32(12, centralSize, true)
	ev.setUint32(16, offset, true)
	return Buffer.concat([...locals, ...centrals, end])
}

function crc32(data: Uint8Array): number {
	let crc = ~0
	for (const byte of data) {
		crc ^= byte
		for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1
	}
	return ~crc >>> 0
}

export const DOCX = () => tinyZip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' })
