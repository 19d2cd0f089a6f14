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
	return {
		provider,
		user,
		participationId,
		cookie: await sessionCookieFor(user.id),
		base: `/aanbieder/${provider.id}/zelfevaluatie/${year}`,
	}
}

export function multipartRequest(
	pathname: string,
	fields: Record<string, string | File>,
	cookie: string,
	headers: Record<string, string> = {},
): Request {
	const form = new FormData()
	for (const [name, value] of Object.entries(fields)) form.set(name, value)
	return new Request(`${baseUrl}${pathname}`, { method: 'POST', body: form, headers: { cookie, ...headers } })
}

/** Whether any stored file holds exactly these bytes. */
export function storedOnDisk(bytes: Uint8Array): boolean {
	const root = path.resolve(getEnv().FILE_STORAGE_DIR)
	const walk = (dir: string): string[] => {
		let entries: string[]
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
	return walk(root).some(
		(file) => statSync(file).size === bytes.byteLength && Buffer.compare(readFileSync(file), Buffer.from(bytes)) === 0,
	)
}

export { DOCX, tinyZip } from '#test/fixtures/office-files.ts'
