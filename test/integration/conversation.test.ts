// The conversation per submission (issue 12 §4) through its routes: a provider member and staff
// write on a participation; unread counts on both sides move when the thread is opened; every
// message and attachment is audited; each message queues a notification without its text, in the
// recipient's language; attachments follow the upload rules; and nobody reads another provider's
// thread.
import { describe, expect, it } from 'vitest'
import * as rootRoute from '#app/root.tsx'
import * as dashboardRoute from '#app/routes/provider/dashboard.tsx'
import * as attachmentRoute from '#app/routes/provider/messages/attachment.ts'
import * as threadRoute from '#app/routes/provider/messages/thread.tsx'
import * as staffThreadRoute from '#app/routes/staff/conversation.tsx'
import * as staffDocumentRoute from '#app/routes/staff/document.ts'
import * as participationRoute from '#app/routes/staff/participation.tsx'
import * as workbenchRoute from '#app/routes/staff/workbench.tsx'
import { db } from '#app/lib/db.server.ts'
import { getEnv } from '#app/lib/env.server.ts'
import { TINY_PDF } from '#app/lib/test-fixtures/self-evaluation.server.ts'
import { createSubmittedParticipation } from '#app/lib/test-fixtures/staff.server.ts'
import { ensureMarkYear } from '#app/lib/test-fixtures/years.server.ts'
import { translate } from '#app/i18n/translate.ts'
import { createProviderWithMember, createUser } from '#test/fixtures/factories.ts'
import { DOCX } from '#test/fixtures/office-files.ts'
import { baseUrl, dataOf, getRequest, routeArgs, sessionCookieFor, settle } from '#test/fixtures/requests.ts'

const year = 2093

function messageRequest(path: string, fields: Record<string, string>, files: File[], cookie: string): Request {
	const form = new FormData()
	for (const [name, value] of Object.entries(fields)) form.append(name, value)
	for (const file of files) form.append('attachments', file)
	return new Request(`${baseUrl}${path}`, { method: 'POST', body: form, headers: { cookie } })
}

async function world() {
	await ensureMarkYear(year)
	const { provider, user: member } = await createProviderWithMember({ canSign: true })
	const colleague = await createUser({ name: 'Collega Zonder Teken' })
	await db.user.update({ where: { id: colleague.id }, data: { locale: 'en' } })
	await db.membership.create({ data: { userId: colleague.id, providerId: provider.id, canSign: false } })
	const participationId = await createSubmittedParticipation({ year, providerId: provider.id })
	const assessor = await createUser({ staffRole: 'assessor', name: 'Anna Beoordelaar' })
	return {
		provider,
		member,
		colleague,
		participationId,
		assessor,
		memberCookie: await sessionCookieFor(member.id),
		colleagueCookie: await sessionCookieFor(colleague.id),
		assessorCookie: await sessionCookieFor(assessor.id),
	}
}

type World = Awaited<ReturnType<typeof world>>

const providerParams = (w: World, y = year) => ({ providerId: w.provider.id, year: String(y) })
const providerPath = (w: World, y = year) => `/aanbieder/${w.provider.id}/berichten/${y}`
const staffPath = (w: World) => `/medewerkers/deelnames/${w.participationId}/berichten`

async function providerPost(w: World, cookie: string, body: string, files: File[] = [], y = year) {
	return settle(() =>
		threadRoute.action(routeArgs(messageRequest(providerPath(w, y), { body }, files, cookie), providerParams(w, y))),
	)
}

async function staffPost(w: World, body: string, files: File[] = [], extra: Record<string, string> = {}) {
	return settle(() =>
		staffThreadRoute.action(
			routeArgs(messageRequest(staffPath(w), { body, ...extra }, files, w.assessorCookie), {
				participationId: w.participationId,
			}),
		),
	)
}

async function providerOpen(w: World, cookie: string, y = year) {
	return settle(() => threadRoute.loader(routeArgs(getRequest(providerPath(w, y), cookie), providerParams(w, y))))
}

type Thread = {
	messages: { body: string; unread: boolean; side: string; attachments: { id: string }[] }[]
	unread: number
}

async function staffOpen(w: World, cookie = w.assessorCookie) {
	const { value, response } = await settle(() =>
		staffThreadRoute.loader(routeArgs(getRequest(staffPath(w), cookie), { participationId: w.participationId })),
	)
	return { thread: value as Thread | undefined, response }
}

async function workbenchUnread(w: World, cookie = w.assessorCookie) {
	const { value } = await settle(() =>
		workbenchRoute.loader(routeArgs(getRequest(`/medewerkers/werkbank?jaar=${year}&wachtrij=vrij`, cookie))),
	)
	const rows = (value as { rows: { participationId: string; unread: number }[] }).rows
	return rows.find((row) => row.participationId === w.participationId)?.unread
}

async function navUnread(w: World, cookie: string, path = `/aanbieder/${w.provider.id}`) {
	const value = await rootRoute.loader(routeArgs(getRequest(path, cookie), { providerId: w.provider.id }) as never)
	return dataOf<{ unreadMessages: number }>(value).data.unreadMessages
}

describe('the conversation per submission', () => {
	it('provider and staff write; unread counts on both sides move when the thread is opened', async () => {
		const w = await world()
		expect(await workbenchUnread(w)).toBe(0)

		// A member without signing authority may write too (they fill in the self-evaluation).
		const posted = await providerPost(w, w.colleagueCookie, 'Mogen wij bij norm 2 naar ons beleidsplan verwijzen?')
		expect(posted.response?.status).toBe(302)
		expect(posted.response?.headers.get('location')).toMatch(new RegExp(`^${providerPath(w)}#bericht-`))
		expect(await workbenchUnread(w)).toBe(1)

		// Staff open the participation page: the panel shows the message as new, and it is read since.
		const page = await settle(() =>
			participationRoute.loader(
				routeArgs(getRequest(`/medewerkers/deelnames/${w.participationId}`, w.assessorCookie), {
					participationId: w.participationId,
				}),
			),
		)
		const conversation = (page.value as { conversation: Thread }).conversation
		expect(conversation.unread).toBe(1)
		expect(conversation.messages.map((message) => [message.side, message.unread])).toEqual([['provider', true]])
		expect(await workbenchUnread(w)).toBe(0)
		// Every staff member has their own marker: an administrator still has it unread.
		const admin = await createUser({ staffRole: 'admin' })
		expect(await workbenchUnread(w, await sessionCookieFor(admin.id))).toBe(1)

		// KiBG answers from the assessment panel and comes back to that page.
		const back = `/medewerkers/deelnames/${w.participationId}/beoordeling/1`
		const answer = await staffPost(w, 'Ja, noem dan de paragraaf.', [], { terug: back })
		expect(answer.response?.headers.get('location')).toMatch(new RegExp(`^${back}#bericht-`))
		// A return path outside this participation is not followed.
		const elsewhere = await staffPost(w, 'Nog een aanvulling.', [], { terug: 'https://evil.example/' })
		expect(elsewhere.response?.headers.get('location')).toMatch(new RegExp(`^${staffPath(w)}#bericht-`))

		// Both members see two unread messages in the menu and on the dashboard; opening reads them for one member only.
		expect(await navUnread(w, w.memberCookie)).toBe(2)
		const dashboard = await settle(() =>
			dashboardRoute.loader(routeArgs(getRequest(`/aanbieder/${w.provider.id}`, w.memberCookie), providerParams(w))),
		)
		expect((dashboard.value as { unread: Record<number, number> }).unread).toEqual({ [year]: 2 })
		// The page of the thread itself does not count what it is showing.
		expect(await navUnread(w, w.memberCookie, providerPath(w))).toBe(0)
		const opened = await providerOpen(w, w.memberCookie)
		const thread = opened.value as Thread
		expect(thread.unread).toBe(2)
		expect(thread.messages.map((message) => [message.side, message.unread])).toEqual([
			['provider', false],
			['staff', true],
			['staff', true],
		])
		expect(await navUnread(w, w.memberCookie)).toBe(0)
		expect(await navUnread(w, w.colleagueCookie)).toBe(2)
		expect(((await providerOpen(w, w.memberCookie)).value as Thread).unread).toBe(0)
	})

	it('mails a notification per recipient without the text: members in their language, else the assessor or the office', async () => {
		const w = await world()
		const secret = 'Onze ROM-cijfers van 2093 zijn 61 procent.'
		await providerPost(w, w.memberCookie, secret)
		// No assessor yet: the office's mailbox hears of it.
		const toOffice = await db.outboxEmail.findMany({
			where: { participationId: w.participationId, template: 'conversation_message' },
		})
		expect(toOffice.map((mail) => mail.toAddress)).toEqual([getEnv().STAFF_MAILBOX])
		expect(toOffice[0]!.subject).toBe(`Nieuw bericht van ${w.provider.name} (deelname ${year})`)
		expect(toOffice[0]!.text).toContain(staffPath(w))
		expect(toOffice[0]!.text).not.toContain('ROM-cijfers')

		// With an assessor, the assessor hears of it instead.
		await db.participation.update({ where: { id: w.participationId }, data: { assessorId: w.assessor.id } })
		await providerPost(w, w.memberCookie, 'Nog een vraag.')
		await staffPost(w, 'Antwoord met details die niet in de mail horen.')
		const mails = await db.outboxEmail.findMany({
			where: { participationId: w.participationId, template: 'conversation_message' },
			orderBy: { createdAt: 'asc' },
		})
		expect(
			mails
				.slice(1)
				.map((mail) => mail.toAddress)
				.sort(),
		).toEqual([w.assessor.email, w.member.email, w.colleague.email].sort())
		const toColleague = mails.find((mail) => mail.toAddress === w.colleague.email)!
		expect(toColleague.subject).toBe(`New message from KiBG about your ${year} participation`)
		expect(toColleague.html).toContain('lang="en"')
		const toMember = mails.find((mail) => mail.toAddress === w.member.email)!
		expect(toMember.subject).toBe(`Nieuw bericht van KiBG over uw deelname ${year}`)
		expect(toMember.text).toContain(providerPath(w))
		for (const mail of mails) expect(`${mail.text}${mail.html}`).not.toContain('details die niet')
	})

	it('audits every message and every attachment', async () => {
		const w = await world()
		await providerPost(w, w.memberCookie, 'Zie het beleidsplan in de bijlage.', [
			new File([TINY_PDF], 'beleidsplan.pdf', { type: 'application/pdf' }),
			new File([DOCX()], 'format.docx'),
		])
		const events = await db.auditEvent.findMany({
			where: { participationId: w.participationId, action: { startsWith: 'conversation.' } },
			orderBy: { id: 'asc' },
		})
		expect(events.map((event) => [event.action, event.actorUserId])).toEqual([
			['conversation.message', w.member.id],
			['conversation.attachment', w.member.id],
			['conversation.attachment', w.member.id],
		])
		expect(events[0]!.after).toMatchObject({ side: 'provider', body: 'Zie het beleidsplan in de bijlage.' })
		const files = await db.storedFile.findMany({ where: { providerId: w.provider.id, kind: 'message_attachment' } })
		expect(files.map((file) => file.originalName).sort()).toEqual(['beleidsplan.pdf', 'format.docx'])
		expect(
			events
				.slice(1)
				.map((event) => event.entityId)
				.sort(),
		).toEqual(files.map((file) => file.id).sort())
		expect(translate('nl', 'codes.audit_conversation_attachment')).not.toContain('conversation')
	})

	it('takes attachments under the upload rules, at most three; a refusal stores nothing and keeps the text', async () => {
		const w = await world()
		const count = () => db.participationMessage.count({ where: { participationId: w.participationId } })
		const fake = await providerPost(w, w.memberCookie, 'Met een vermomd bestand.', [
			new File([new TextEncoder().encode('MZ not a pdf')], 'plan.pdf'),
		])
		expect(dataOf(fake.value).status).toBe(400)
		const failure = dataOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(fake.value).data
		expect(failure.fieldErrors.attachments).toEqual(['selfEvaluation.uploadBadType'])
		expect(failure.values.body).toBe('Met een vermomd bestand.')
		const many = await providerPost(
			w,
			w.memberCookie,
			'Vier bijlagen.',
			[1, 2, 3, 4].map((n) => new File([TINY_PDF], `bijlage-${n}.pdf`)),
		)
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(many.value).data.fieldErrors.attachments).toEqual([
			'conversation.errorTooManyAttachments',
		])
		const badName = await providerPost(w, w.memberCookie, 'Pad in de naam.', [new File([TINY_PDF], '.verborgen.pdf')])
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(badName.value).data.fieldErrors.attachments).toEqual([
			'selfEvaluation.uploadBadName',
		])
		expect(await count()).toBe(0)
		expect(await db.storedFile.count({ where: { providerId: w.provider.id, kind: 'message_attachment' } })).toBe(0)
	})

	it('refuses empty, overlong and control-character messages with the text kept', async () => {
		const w = await world()
		const empty = await providerPost(w, w.memberCookie, '   ')
		expect(dataOf<{ fieldErrors: Record<string, string[]> }>(empty.value).data.fieldErrors.body).toEqual([
			'conversation.errorBodyRequired',
		])
		const long = 'a'.repeat(5001)
		const tooLong = await providerPost(w, w.memberCookie, long)
		const tooLongData = dataOf<{ fieldErrors: Record<string, string[]>; values: Record<string, string> }>(
			tooLong.value,
		).data
		expect(tooLongData.fieldErrors.body).toEqual(['conversation.errorBodyTooLong'])
		expect(tooLongData.values.body).toBe(long)
		// 5,000 characters of a script outside the BMP are 5,000 characters, not 10,000 code units.
		expect((await providerPost(w, w.memberCookie, '😀'.repeat(5000))).response?.status).toBe(302)
		const control = await providerPost(w, w.memberCookie, 'Tekst met een \u0000 erin')
		const controlData = dataOf<{ fieldErrors: Record<string, string[]>; formErrors: string[] }>(control.value).data
		expect(controlData.fieldErrors.body).toEqual(['errors.controlCharacter'])
		expect(controlData.formErrors).toEqual(['errors.controlCharacterForm'])
		expect(await db.participationMessage.count({ where: { participationId: w.participationId } })).toBe(1)
	})

	it("never lets a provider read or write another provider's thread, or fetch its attachments", async () => {
		const w = await world()
		await staffPost(w, 'Alleen voor deze zorgaanbieder.', [new File([TINY_PDF], 'vertrouwelijk.pdf')])
		const file = await db.storedFile.findFirstOrThrow({
			where: { providerId: w.provider.id, kind: 'message_attachment' },
		})
		const { user: stranger } = await createProviderWithMember({ canSign: true })
		const strangerCookie = await sessionCookieFor(stranger.id)

		// The stranger's cookie on this provider's URLs: 404, never the data.
		expect((await providerOpen(w, strangerCookie)).response?.status).toBe(404)
		expect((await providerPost(w, strangerCookie, 'Ingebroken bericht')).response?.status).toBe(404)
		const download = (cookie: string, providerId = w.provider.id, y = year) =>
			settle(() =>
				attachmentRoute.loader(
					routeArgs(getRequest(`/aanbieder/${providerId}/berichten/${y}/bijlage/${file.id}`, cookie), {
						providerId,
						year: String(y),
						fileId: file.id,
					}),
				),
			)
		expect((await download(strangerCookie)).response?.status).toBe(404)
		// The stranger's own provider in the URL with this file's id: not theirs, 404.
		const strangerProvider = (await db.membership.findFirstOrThrow({ where: { userId: stranger.id } })).providerId
		expect((await download(strangerCookie, strangerProvider)).response?.status).toBe(404)
		// Another year of the right provider: 404 too; the member of the right year gets the file.
		expect((await download(w.memberCookie, w.provider.id, year - 1)).response?.status).toBe(404)
		const own = await download(w.memberCookie)
		expect(own.response?.status).toBe(200)
		expect(own.response?.headers.get('content-disposition')).toContain('attachment')

		// A year in which the provider has no participation: 404.
		expect((await providerOpen(w, w.memberCookie, year + 1)).response?.status).toBe(404)
		// Provider members are not staff: the staff thread and staff downloads are 404 for them.
		expect((await staffOpen(w, w.memberCookie)).response?.status).toBe(404)
		const staffDownload = await settle(() =>
			staffDocumentRoute.loader(
				routeArgs(getRequest(`/medewerkers/documenten/${file.id}`, w.memberCookie), { fileId: file.id }),
			),
		)
		expect(staffDownload.response?.status).toBe(404)
		// Anonymous: to the login page.
		expect((await providerOpen(w, '')).response?.headers.get('location')).toMatch(/^\/inloggen/)
		expect(await db.participationMessage.count({ where: { participationId: w.participationId } })).toBe(1)
		// Nothing of this thread reaches the stranger's menu either.
		expect(await navUnread(w, strangerCookie)).toBe(0)
	})
})
