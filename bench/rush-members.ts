// The members of the deadline rush (bench/rush.ts): what each of them sends and when, timed on the
// client. Runs in the bench's own process, or split over several processes
// (bench/rush-members-child.ts, RUSH_CLIENT_PROCESSES): 330 browsers are 330 machines, and one
// event loop holding all their clients sends what fell due while it was busy — or while the
// machine ran something else — as one clump (stop 33: its loop came round late by p99 14–16 ms).
// Moments cross processes as wall-clock milliseconds (performance.timeOrigin + performance.now()).
import { setTimeout as sleep } from 'node:timers/promises'
import { ownLoopMonitor } from './loop-monitor.ts'
import { SAVE_INTERVAL_MS, firstSaveMs } from './rush-plan.ts'

export interface RushMember {
	/** 0, 1, 2, … over all members. */
	index: number
	providerId: string
	/** `name=value` of the member's session. */
	cookie: string
	textKey: string
	uploadKey: string
	/** The norm page holding uploadKey, URL-encoded (read once before the rush). */
	normCode: string
	/** The stored version of the member's answer when the rush begins. */
	version: number
	/** The member's X-Forwarded-For: one address each, as from their own office. */
	address: string
	/** Milliseconds into the measured minute at which this member submits; absent: types all the run. */
	submitAtMs?: number
}

export interface RushSchedule {
	base: string
	year: number
	/** Wall-clock milliseconds (epoch, fractional). */
	warmupStart: number
	start: number
	end: number
	warmupSeconds: number
	seconds: number
}

export interface Sample {
	/** Milliseconds since the measured minute began (< 0: in the warm-up). */
	at: number
	ms: number
	ok: boolean
}

export interface MembersOutcome {
	saves: Sample[]
	uploads: Sample[]
	submissions: Sample[]
	failures: string[]
	/** Per member index: the last text the server acknowledged (null: none). */
	acknowledged: Record<number, string | null>
}

const WORDS = ['cliënt', 'intake', 'behandelplan', 'regiebehandelaar', 'evaluatie', 'wachttijd', 'ROM', 'huisarts']
const EXTRAS = ['😀', '👍🏽', '🧠', '— ', '\n', '\n\n', '€ ', 'ë', '“citaat” ']

export function answerText(index: number, tick: number): string {
	const length = 500 + ((index * 7919 + tick * 104_729) % 2500)
	let text = `Lid ${index}, versie ${tick}: `
	let n = index + tick
	while (text.length < length) {
		n = (n * 1_103_515_245 + 12_345) % 2 ** 31
		text += `${WORDS[n % WORDS.length]} `
		if (index % 3 === 0 && n % 11 === 0) text += EXTRAS[n % EXTRAS.length]
	}
	// By code points: cutting an emoji's surrogate pair in half would send U+FFFD, not the text.
	return Array.from(text).slice(0, length).join('')
}

const PDF = (() => {
	const head = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n'
	const padding = `%${'x'.repeat(98)}\n`.repeat(Math.ceil((1024 * 1024 - head.length) / 100))
	return new TextEncoder().encode(`${head}${padding}trailer<</Root 1 0 R>>\n%%EOF\n`)
})()

/** One autosave of `text` as the portal's page sends it (autosave-fieldset.tsx): URL-encoded. */
export function autosaveBody(member: Pick<RushMember, 'textKey' | 'version'>, text: string): URLSearchParams {
	const body = new URLSearchParams()
	body.set('evidenceKey', member.textKey)
	body.set(`${member.textKey}:version`, String(member.version))
	body.set(`${member.textKey}:text`, text)
	return body
}

/** What every request of a member carries: its session, the portal's origin, its own address. */
export function memberHeaders(base: string, member: Pick<RushMember, 'cookie' | 'address'>) {
	return { cookie: member.cookie, origin: base, accept: 'application/json', 'x-forwarded-for': member.address }
}

/** Wall-clock milliseconds, comparable between processes. */
export const wallNow = () => performance.timeOrigin + performance.now()

/** Runs the members from the warm-up to the end of the minute; every answer timed. */
export async function runMembers(members: RushMember[], schedule: RushSchedule): Promise<MembersOutcome> {
	const { base, year, warmupStart, start, end, warmupSeconds, seconds } = schedule
	const outcome: MembersOutcome = { saves: [], uploads: [], submissions: [], failures: [], acknowledged: {} }
	const headers = (member: RushMember) => memberHeaders(base, member)

	async function timed(
		list: Sample[],
		label: string,
		run: () => Promise<Response>,
		expect: (response: Response) => boolean,
	): Promise<{ status: number; text: string } | null> {
		const started = wallNow()
		try {
			const response = await run()
			const text = await response.text()
			const ok = expect(response)
			list.push({ at: started - start, ms: wallNow() - started, ok })
			if (!ok && outcome.failures.length < 20)
				outcome.failures.push(`${label}: ${response.status} ${text.slice(0, 200)}`)
			return { status: response.status, text }
		} catch (error) {
			list.push({ at: started - start, ms: wallNow() - started, ok: false })
			// fetch's own message is only "fetch failed": the cause says what the socket did.
			const cause = error instanceof Error && error.cause ? ` (${String(error.cause)})` : ''
			if (outcome.failures.length < 20) outcome.failures.push(`${label}: ${String(error)}${cause}`)
			return null
		}
	}

	async function member(member: RushMember) {
		outcome.acknowledged[member.index] = null
		let version = member.version
		const submits = member.submitAtMs !== undefined
		// The submitters' rounds are complete already: they type and submit, the typists upload: once
		// in the minute, and during the warm-up at the same rate (about 5 a second), so the minute
		// begins in the mix of the hour before it.
		const uploadsDue = submits
			? []
			: [
					...(member.index * 197 + 500 < warmupSeconds * 1000 ? [warmupStart + member.index * 197 + 500] : []),
					start + ((member.index * 197) % (seconds * 1000 - 5000)) + 2000,
				]
		let next = warmupStart + firstSaveMs(member.index)
		const submitTime = start + (member.submitAtMs ?? Number.POSITIVE_INFINITY)
		const self = `${base}/aanbieder/${member.providerId}/zelfevaluatie/${year}`
		for (let tick = 0; ; tick++) {
			await sleep(Math.max(0, next - wallNow()))
			if (wallNow() >= end) return
			next += SAVE_INTERVAL_MS
			if (wallNow() >= submitTime) {
				await timed(
					outcome.submissions,
					'submit',
					() =>
						fetch(`${self}/controle`, {
							method: 'POST',
							headers: { ...headers(member), 'content-type': 'application/x-www-form-urlencoded' },
							body: '',
							redirect: 'manual',
						}),
					(response) => response.status === 302,
				)
				return
			}
			if (uploadsDue.length > 0 && wallNow() >= (uploadsDue[0] ?? Number.POSITIVE_INFINITY)) {
				uploadsDue.shift()
				const form = new FormData()
				form.set('evidenceKey', member.uploadKey)
				form.set('file', new File([PDF], 'werkwijze.pdf', { type: 'application/pdf' }))
				await timed(
					outcome.uploads,
					'upload',
					() =>
						fetch(`${self}/norm/${member.normCode}?upload=${encodeURIComponent(member.uploadKey)}`, {
							method: 'POST',
							headers: headers(member),
							body: form,
							redirect: 'manual',
						}),
					(response) => response.status === 302,
				)
			}
			const text = answerText(member.index, tick)
			const response = await timed(
				outcome.saves,
				'autosave',
				() =>
					fetch(`${self}/antwoord`, {
						method: 'POST',
						headers: headers(member),
						body: autosaveBody({ textKey: member.textKey, version }, text),
					}),
				(candidate) => candidate.status === 200,
			)
			if (response?.status === 200) {
				const answer = JSON.parse(response.text) as { ok: boolean; version: number }
				if (answer.ok) {
					version = answer.version
					outcome.acknowledged[member.index] = text
				}
			}
		}
	}

	await Promise.all(members.map(member))
	return outcome
}

export interface MembersRun {
	outcome: MembersOutcome
	/** How late this process's event loop came round during the measured minute (bench/loop-monitor.ts). */
	loopLateMs: { p50: number; p95: number; p99: number; max: number }
	/** This process's CPU from the start of the measured minute to the members' end. */
	cpuMs: number
}

/** runMembers, with this process's own loop and CPU read over the measured minute. */
export async function runMembersTimed(members: RushMember[], schedule: RushSchedule): Promise<MembersRun> {
	const loop = ownLoopMonitor()
	let cpuAtStart: NodeJS.CpuUsage | undefined
	setTimeout(
		() => {
			cpuAtStart = process.cpuUsage()
			loop.start()
		},
		Math.max(0, schedule.start - wallNow()),
	)
	const outcome = await runMembers(members, schedule)
	const cpu = process.cpuUsage(cpuAtStart)
	return { outcome, loopLateMs: loop.read(), cpuMs: (cpu.user + cpu.system) / 1000 }
}

/** Several processes' runs as one: samples together, the latest loop of them, CPU summed. */
export function mergeRuns(runs: MembersRun[]): MembersRun {
	const latest = (key: keyof MembersRun['loopLateMs']) => Math.max(...runs.map((run) => run.loopLateMs[key]))
	return {
		outcome: {
			saves: runs.flatMap((run) => run.outcome.saves),
			uploads: runs.flatMap((run) => run.outcome.uploads),
			submissions: runs.flatMap((run) => run.outcome.submissions),
			failures: runs.flatMap((run) => run.outcome.failures).slice(0, 20),
			acknowledged: Object.assign({}, ...runs.map((run) => run.outcome.acknowledged)),
		},
		loopLateMs: { p50: latest('p50'), p95: latest('p95'), p99: latest('p99'), max: latest('max') },
		cpuMs: runs.reduce((sum, run) => sum + run.cpuMs, 0),
	}
}
