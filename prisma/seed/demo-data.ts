// The demo world, built by living through it: every step of every provider's story runs through
// the real services at its own moment (the clock is moved for each step), in time order across
// all providers, and whatever lies after the demo's "now" does not happen. So the demo data is
// exactly what the rules produce: timelines, audit trail, mails in the outbox, certificates.
import type { PrismaClient } from '#app/generated/prisma/client.ts'
import { addDays, amsterdamDateOf, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import { assessmentOutcome } from '#app/domain/assessment.ts'
import { listingAt, withdrawalAt } from '#app/domain/calendar.ts'
import { allEvidence, assertNormSet, type NormSet } from '#app/domain/norm-set.ts'
import { eventForRoundOutcome, type ParticipationEvent } from '#app/domain/participation.ts'
import { drawSample } from '#app/domain/sampling.ts'
import type { Answers } from '#app/domain/self-evaluation.ts'
import { defaultYearSettings, type YearSettings } from '#app/domain/year-settings.ts'
import { now, setClock } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { hashPassword } from '#app/lib/password.server.ts'
import { storeFile } from '#app/lib/storage.server.ts'
import { uploadOfBytes } from '#app/lib/uploads.server.ts'
import { type Actor, systemActor } from '#app/services/audit.server.ts'
import { signAgreement } from '#app/services/agreement.server.ts'
import { issueInvoice, markInvoicePaid, notifyOverdueInvoice } from '#app/services/invoices.server.ts'
import { importNormSet, loadNormSet } from '#app/services/norm-sets.server.ts'
import { createParticipation, runParticipationEvent } from '#app/services/participation.server.ts'
import { postMessage } from '#app/services/conversation.server.ts'
import {
	decideWithdrawalProposal,
	interviewOutcomeInput,
	requestWithdrawal,
	withdrawalInput,
} from '#app/services/safe-decisions.server.ts'
import { planInterview, recordInterviewOutcome } from '#app/services/sample.server.ts'
import { publishFeeRate } from '#app/services/years-admin.server.ts'
import { markYearData, runningYearAt } from '#app/services/years.server.ts'
import { createPdf, heading, letterhead, paragraph, renderPdf } from '#templates/pdf.ts'
import normSet2018 from '../norm-sets/2018.json' with { type: 'json' }
import normSet2022 from '../norm-sets/2022.json' with { type: 'json' }
import { demoAccounts, demoPassword } from './demo-accounts.ts'
import { demoAnswer } from './demo-answers.ts'
import { createDemoIndicatorSets, planBenchmarkDeliveries } from './demo-benchmark.ts'
import {
	createThemeList,
	demoOrganisations,
	draftForConsultation,
	planConsultation,
	planNetwork,
} from './demo-consultation.ts'
import { type DemoProvider, demoProviders, type Story } from './demo-providers.ts'

// KiBG's list of kennisnetwerk themes: the options the 2022 norms 5.2 and 6.2 name (issue 18).
const themeLabels: string[] = allEvidence(assertNormSet(normSet2022)).flatMap(({ item }) =>
	item.kind === 'explanation' && item.choices?.network === 'learn' ? item.choices.options : [],
)

interface Step {
	at: Date
	order: number
	run: () => Promise<void>
}

interface Context {
	now: Date
	/** Participations (provider:year) whose story has its own ending: the sample leaves them alone. */
	notForSample: Set<string>
	/** Participations (provider:year) whose provider takes no part in the next year of the demo. */
	lastOfProvider: Set<string>
	staff: { assessor: Actor; secondAssessor: Actor; admin: Actor }
	settings: Map<number, YearSettings>
	steps: Step[]
}

export async function seedDemo(
	_prisma: PrismaClient,
	{ now: demoNow = new Date() }: { now?: Date } = {},
): Promise<void> {
	const running = runningYearAt(demoNow)
	const years = [running - 2, running - 1, running, running + 1]
	const passwordHash = await hashPassword(demoPassword)

	const users = new Map<string, string>()
	for (const account of demoAccounts) {
		const staffRole =
			account.email === 'beheer@kibg.demo' ? 'admin' : account.email.endsWith('@kibg.demo') ? 'assessor' : null
		const user = await db.user.create({ data: { email: account.email, name: account.name, passwordHash, staffRole } })
		users.set(account.email, user.id)
	}
	const staff = {
		assessor: { type: 'staff', userId: users.get('beoordelaar@kibg.demo') ?? null } as Actor,
		secondAssessor: { type: 'staff', userId: users.get('tweede.beoordelaar@kibg.demo') ?? null } as Actor,
		admin: { type: 'staff', userId: users.get('beheer@kibg.demo') ?? null } as Actor,
	}

	// The published historical norm sets, and the active years on the 2022 norms.
	await createYear(defaultYearSettings(2018), assertNormSet(normSet2018), 'published')
	await createYear(defaultYearSettings(2022), assertNormSet(normSet2022), 'published')
	const settings = new Map<number, YearSettings>()
	for (const year of years) {
		const yearSettings = defaultYearSettings(year)
		settings.set(year, yearSettings)
		if (year === 2018 || year === 2022) continue
		const published = demoNow >= amsterdamInstant(yearSettings.normsPublishedOn)
		// The running year's and next year's norms went out for consultation as drafts (issue 18):
		// the running year's were adopted by the office at their publication date, in the story.
		const consulted = year === running || year === running + 1
		const normSet = assertNormSet({
			...normSet2022,
			year,
			markName: yearSettings.markName,
			title: `Keurmerknormen ${year}`,
			changes: undefined, // KiBG's account of the 2022 changes belongs to 2022
		})
		await createYear(
			yearSettings,
			consulted ? draftForConsultation(normSet) : normSet,
			published && !consulted ? 'published' : 'draft',
		)
		await createThemeList(year, themeLabels)
	}
	// Invited organisations: accounts that see consultations only (one of them on the login page).
	for (const organisation of demoOrganisations) {
		const data = {
			kind: 'organisation' as const,
			organisationName: organisation.organisationName,
			organisationType: organisation.organisationType,
		}
		await db.user.upsert({
			where: { email: organisation.email },
			create: { email: organisation.email, name: organisation.name, passwordHash, ...data },
			update: data,
		})
	}

	const context: Context = {
		now: demoNow,
		notForSample: new Set(),
		lastOfProvider: new Set(),
		staff,
		settings,
		steps: [],
	}
	// The spiegelrapportage: indicator lists of the finished and the running year (issue 14).
	await createDemoIndicatorSets(years.slice(0, 3), demoNow)
	const created: Parameters<typeof planBenchmarkDeliveries>[1] = []
	for (const [index, demo] of demoProviders.entries()) {
		const provider = await createDemoProvider(demo, passwordHash)
		created.push({
			id: provider.id,
			name: demo.name,
			type: demo.type,
			contactUserId: provider.contactUserId,
			email: demo.contact.email,
		})
		if (demo.contact.email === 'praktijk@aanbieder.demo' || demo.contact.email === 'instelling@aanbieder.demo') {
			const colleague = users.get('medewerker@aanbieder.demo')
			if (colleague)
				await db.membership.create({
					data: { userId: colleague, providerId: provider.id, canSign: false, jobTitle: 'Kwaliteitsmedewerker' },
				})
		}
		planProvider(context, demo, provider, index, years)
	}
	for (const year of years.slice(0, 3)) planYear(context, year)
	planBenchmarkDeliveries(context.steps, created, years.slice(0, 2))
	// Issue 18: the running year's norms were consulted on in the winter before and adopted at their
	// publication; next year's draft is out for consultation in March; a dozen carriers network.
	const meetings = (year: number) => [{ date: `${year - 1}-01-28`, title: 'online werkconferentie', participants: 30 }]
	planConsultation(context.steps, {
		year: running,
		settings: settings.get(running) as YearSettings,
		admin: staff.admin,
		window: { opensOn: `${running - 1}-01-12`, closesOn: `${running - 1}-02-15` },
		meetings: meetings(running),
		adopt: true,
	})
	planConsultation(context.steps, {
		year: running + 1,
		settings: settings.get(running + 1) as YearSettings,
		admin: staff.admin,
		window: { opensOn: `${running}-03-01`, closesOn: `${running}-03-31` },
		meetings: [],
		adopt: false,
	})
	planNetwork(context.steps, { year: running })

	// Live through it, in time order, up to the demo's now. Steps may plan further steps (the
	// sample plans its interviews), so take the earliest remaining one each time.
	try {
		for (;;) {
			context.steps.sort((a, b) => a.at.getTime() - b.at.getTime() || a.order - b.order)
			const step = context.steps.shift()
			if (!step || step.at > demoNow) break
			setClock(step.at)
			await step.run()
		}
	} finally {
		setClock(null)
	}
}

async function createYear(settings: YearSettings, normSet: NormSet, status: 'draft' | 'published') {
	await db.markYear.create({ data: markYearData(settings) })
	await db.$transaction((tx) =>
		importNormSet(tx, normSet, {
			status,
			publishedAt: amsterdamInstant(settings.normsPublishedOn, { hour: 9 }),
			basedOnYear: normSet.year === 2022 ? null : 2022,
		}),
	)
}

async function createDemoProvider(demo: DemoProvider, passwordHash: string) {
	const slug = `${demo.name}-${demo.city}`
		.toLowerCase()
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^-|-$/g, '')
	const digits = String(10_000_000 + (hashNumber(demo.name) % 89_999_999)).slice(0, 8)
	const provider = await db.provider.create({
		data: {
			slug,
			name: demo.name,
			type: demo.type,
			kvkNumber: digits,
			agbCode: String((Number(digits) % 90_000_000) + 9_000_000).padStart(8, '0'),
			street: demo.street,
			houseNumber: demo.houseNumber,
			postcode: demo.postcode,
			city: demo.city,
			province: demo.province,
			website: demo.website,
			email: `info@${new URL(demo.website).hostname.replace(/^www\./, '')}`,
			phone: `0${30 + (hashNumber(demo.city) % 60)}-${String(1_000_000 + (hashNumber(demo.name) % 8_999_999)).slice(0, 7)}`,
			offersChronicEchelon: demo.chronic,
		},
	})
	const existing = await db.user.findUnique({ where: { email: demo.contact.email } })
	const user =
		existing ?? (await db.user.create({ data: { email: demo.contact.email, name: demo.contact.name, passwordHash } }))
	await db.membership.create({
		data: {
			userId: user.id,
			providerId: provider.id,
			canSign: true,
			isPrimaryContact: true,
			jobTitle: demo.contact.jobTitle,
		},
	})
	return { ...provider, contactUserId: user.id }
}

type DemoRecord = Awaited<ReturnType<typeof createDemoProvider>>

const carrierStories: Story[] = ['qualified', 'qualified_after_revision', 'late_submit', 'renewal_signed', 'draft']

function planProvider(context: Context, demo: DemoProvider, provider: DemoRecord, index: number, years: number[]) {
	const member: Actor = { type: 'provider', userId: provider.contactUserId }
	const participations = new Map<number, string>()
	demo.stories.forEach((story, position) => {
		const year = years[position] as number
		if (story === 'none') return
		const s = context.settings.get(year) as YearSettings
		if (
			['withdrawn_request', 'withdrawn_unpaid', 'not_qualified'].includes(story) ||
			demo.contact.email.endsWith('@aanbieder.demo')
		) {
			context.notForSample.add(`${provider.id}:${year}`)
		}
		if ((demo.stories[position + 1] ?? 'none') === 'none') context.lastOfProvider.add(`${provider.id}:${year}`)
		const previous = position > 0 ? demo.stories[position - 1] : 'none'
		const day = (date: string, hour = 10, minute = 0) => amsterdamInstant(date, { hour, minute })
		const on = (offsetFrom: string, days: number, hour = 10) => day(addDays(offsetFrom, days), hour)
		const add = (at: Date, run: () => Promise<void>) => context.steps.push({ at, order: index, run })
		const id = () => participations.get(year) as string
		const event = async (evt: ParticipationEvent, actor: Actor, reason?: string) => {
			const result = await runParticipationEvent(id(), evt, actor, { reason })
			if (!result.ok) throw new Error(`${demo.name} ${year} ${evt.type}: ${result.refusal.code}`)
		}

		// Start: current carriers are offered next year's agreement in May; others apply.
		const renewal = previous !== undefined && carrierStories.includes(previous) && position > 0
		const start = renewal ? day(s.agreementsOfferedOn, 9) : on(s.applicationOpensOn, 7 + ((index * 5) % 100))
		add(start, async () => {
			const result = await db.$transaction(async (tx) => {
				const history = await tx.participation.findMany({
					where: { providerId: provider.id },
					select: { year: true, state: true },
				})
				const reapplicant = history.some((entry) => entry.year < year && entry.state === 'withdrawn')
				return createParticipation(tx, {
					providerId: provider.id,
					year,
					start: renewal ? { origin: 'renewal' } : { origin: 'application', isReapplicant: reapplicant },
					actor: renewal ? systemActor : member,
					applicationData: { source: 'demo' },
				})
			})
			if (!result.ok) throw new Error(`${demo.name} ${year}: ${result.refusal.code}`)
			participations.set(year, result.participation.id)
			if (!renewal) await event({ type: 'offer_agreement' }, systemActor)
		})
		if (story === 'offered') return
		if (story === 'declined') {
			add(new Date(start.getTime() + 12 * 86_400_000), async () => {
				await db.agreement.updateMany({
					where: { participationId: id(), status: 'offered' },
					data: {
						status: 'declined',
						declinedAt: new Date(start.getTime() + 12 * 86_400_000),
						declineReason: 'Wij stoppen met het aanbieden van generalistische basis-ggz.',
					},
				})
				await event(
					{ type: 'decline_agreement' },
					member,
					'Wij stoppen met het aanbieden van generalistische basis-ggz.',
				)
			})
			return
		}
		const signedAt = new Date(start.getTime() + (5 + (index % 20)) * 86_400_000)
		add(signedAt, async () => {
			// Through the real service: the signed PDF is stored and mailed (issue 16: the demo's
			// signed agreements answered 404 for the signed copy).
			const agreement = await db.agreement.findFirstOrThrow({ where: { participationId: id(), status: 'offered' } })
			await signAgreement({
				providerId: provider.id,
				agreementId: agreement.id,
				user: { id: provider.contactUserId },
				signerName: demo.contact.name,
				signerFunction: demo.contact.jobTitle,
				ip: '192.0.2.10',
				userAgent: 'Demo',
			})
		})
		if (story === 'signed' || story === 'renewal_signed') return

		const plan = storyPlan(story, year, index)
		if (plan.fill)
			add(day(plan.fill.date, 11), () =>
				fillRound(id(), year, 1, demo, provider.id, member.userId, plan.fill?.partial ?? false),
			)
		if (plan.submit) {
			// The office shares out the work: every submission gets an assessor.
			const assessorId = (index % 3 === 0 ? context.staff.secondAssessor : context.staff.assessor).userId
			add(day(plan.submit, 14), async () => {
				await event({ type: 'submit_self_evaluation' }, member)
				await db.participation.update({ where: { id: id() }, data: { assessorId } })
			})
		}
		if (plan.firstAssessment) {
			const first = plan.firstAssessment
			add(day(first.date, 15), () => assess(id(), year, 1, first.insufficient, context.staff.assessor, first.comment))
		}
		// The conversation per submission (issue 12 §4): after a revision request some providers ask
		// a question, and the assessor answers (one question of the current year is still unanswered).
		const first = plan.firstAssessment
		if (first && first.insufficient > 0 && (index % 2 === 0 || demo.contact.email.endsWith('@aanbieder.demo'))) {
			const write =
				(actor: Actor, side: 'staff' | 'provider', body: string, attachments = false) =>
				async () => {
					await postMessage(actor as Actor & { userId: string }, {
						participationId: id(),
						side,
						body,
						attachments: attachments ? [await demoAttachment(demo.name)] : [],
					})
				}
			add(
				on(first.date, 1, 9),
				write(
					member,
					'provider',
					`Dank voor de feedback. Bij criterium ${index % 3 === 0 ? '1.2' : '2.1'} vraagt u om een voorbeeld uit de praktijk. Mogen wij daarvoor een geanonimiseerde casus gebruiken, of heeft u liever ons werkproces?`,
					index % 4 === 0,
				),
			)
			if (index % 6 !== 4)
				add(
					on(first.date, 2, 14),
					write(
						context.staff.assessor,
						'staff',
						'Een geanonimiseerde casus is prima, zolang herkenbaar is welke stappen u zet en wie wat doet. Uw werkproces mag u erbij voegen als bijlage.',
					),
				)
		}
		if (plan.revision) {
			const revision = plan.revision
			add(day(revision.fill, 11), () => reviseRound(id(), year, member.userId))
			add(day(revision.submit, 16), () => event({ type: 'submit_self_evaluation' }, member))
			add(day(revision.assess, 15), () =>
				assess(
					id(),
					year,
					2,
					revision.insufficient,
					context.staff.assessor,
					'De aanvulling is nog onvoldoende concreet.',
				),
			)
		}
		if (plan.withdraw) {
			// Through the staff's own use case (issue 12 §5, 003 §3.3): the administrator proposes, a
			// second staff member approves the next morning (four-eyes); the service checks the rules
			// (an unpaid fee only beyond the grace days after the overdue notice, no backdating),
			// dissolves the agreement and sends the letter with the bezwaar term.
			const withdraw = plan.withdraw
			const proposal = { id: '' }
			add(day(withdraw.date, 12), async () => {
				const admin = context.staff.admin as Actor & { userId: string }
				const decidedBy = await db.user.findUniqueOrThrow({ where: { id: admin.userId }, select: { name: true } })
				const requested = await requestWithdrawal(
					admin,
					withdrawalInput(
						id(),
						{
							reason: withdraw.reason,
							effectiveOn: withdraw.effectiveOn,
							explanation:
								withdraw.reason === 'provider_request'
									? 'Op verzoek van de zorgaanbieder: de praktijk wordt gesloten.'
									: 'De factuur voor de afdracht is na de vervaldatum, de aanmaning en de termijn daarna niet betaald.',
						},
						decidedBy,
					),
				)
				if (requested.applied) throw new Error(`${demo.name} ${year}: intrekking zonder tweede persoon`)
				proposal.id = requested.proposalId
			})
			add(on(withdraw.date, 1, 9), () =>
				decideWithdrawalProposal(context.staff.secondAssessor as Actor & { userId: string }, {
					proposalId: proposal.id,
					approve: true,
				}),
			)
		}
		// After the year: turnover and the fee invoice (DOMAIN.md §6).
		if (['qualified', 'qualified_after_revision', 'late_submit'].includes(story)) {
			const reportedAt = on(`${year + 1}-01-08`, index % 40, 10)
			add(reportedAt, () => reportTurnoverAndInvoice(id(), year, demo, provider.contactUserId, index, context))
		}
	})
}

interface StoryPlan {
	fill?: { date: string; partial: boolean }
	submit?: string
	firstAssessment?: { date: string; insufficient: number; comment: string }
	revision?: { fill: string; submit: string; assess: string; insufficient: number }
	/** Proposed on `date`, approved the next day, in force from `effectiveOn`. */
	withdraw?: { date: string; effectiveOn: string; reason: 'provider_request' | 'unpaid_fee' }
}

function storyPlan(story: Story, year: number, index: number): StoryPlan {
	const date = (month: number, day: number) =>
		`${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, 28)).padStart(2, '0')}`
	const spread = index % 10
	const comment = 'Licht concreter toe hoe dit in de praktijk gebeurt en geef een voorbeeld.'
	switch (story) {
		case 'draft':
			return { fill: { date: date(2, 10 + spread), partial: true } }
		case 'late_submit':
			return {
				fill: { date: date(3, 8 + (index % 6)), partial: false },
				submit: date(3, 10 + (index % 8)),
				firstAssessment: { date: date(3, 24 + (index % 4)), insufficient: 0, comment },
			}
		case 'qualified':
		case 'withdrawn_request':
		case 'withdrawn_unpaid':
			return {
				fill: { date: date(1, 12 + spread), partial: false },
				submit: date(1, 20 + spread),
				firstAssessment: { date: date(2, 3 + spread), insufficient: 0, comment },
				// At the provider's request: from the day it is approved.
				...(story === 'withdrawn_request'
					? { withdraw: { date: date(3, 10), effectiveOn: date(3, 11), reason: 'provider_request' as const } }
					: {}),
				// The fee of the year before: invoiced in January, overdue and noticed a month later,
				// unpaid beyond the grace days; withdrawn from the first of the next month.
				...(story === 'withdrawn_unpaid'
					? { withdraw: { date: date(6, 15), effectiveOn: date(7, 1), reason: 'unpaid_fee' as const } }
					: {}),
			}
		case 'qualified_after_revision':
			return {
				fill: { date: date(1, 10 + spread), partial: false },
				submit: date(1, 18 + spread),
				firstAssessment: { date: date(2, 1 + spread), insufficient: 2, comment },
				revision: {
					fill: date(2, 12 + spread),
					submit: date(2, 14 + spread),
					assess: date(2, 24 + (index % 4)),
					insufficient: 0,
				},
			}
		case 'revision_pending':
			return {
				fill: { date: date(3, 1 + (index % 4)), partial: false },
				submit: date(3, 5 + (index % 4)),
				firstAssessment: { date: date(3, 16 + (index % 3)), insufficient: 1, comment },
			}
		case 'not_qualified':
			return {
				fill: { date: date(1, 14), partial: false },
				submit: date(1, 25),
				firstAssessment: { date: date(2, 8), insufficient: 2, comment },
				revision: { fill: date(2, 20), submit: date(2, 22), assess: date(3, 6), insufficient: 1 },
			}
		default:
			return {}
	}
}

/** Scheduled runs of a year (issue 7 runs them in production; here they are steps in time). */
function planYear(context: Context, year: number) {
	const s = context.settings.get(year) as YearSettings
	const sweep = (at: Date, event: ParticipationEvent) =>
		context.steps.push({
			at,
			order: 1_000,
			run: async () => {
				const participations = await db.participation.findMany({ where: { year }, select: { id: true } })
				for (const { id } of participations) await runParticipationEvent(id, event, systemActor)
			},
		})
	// The fee rate is published before 1 June of the year before (003 §3.1), by the office.
	context.steps.push({
		at: amsterdamInstant(addDays(s.feeRatePublishBy, -10), { hour: 10 }),
		order: 500,
		run: async () => {
			await publishFeeRate(context.staff.admin as Actor & { userId: string }, year)
		},
	})
	sweep(new Date(listingAt(s).getTime() + 30_000), { type: 'list' })
	sweep(new Date(withdrawalAt(s).getTime() + 30_000), { type: 'deadline_passed' })
	for (const date of [`${year}-04-01`, `${year}-04-15`, `${year}-05-01`, `${year}-06-01`]) {
		sweep(amsterdamInstant(date, { hour: 0, minute: 5 }), { type: 'revision_overdue' })
	}
	// The sample: drawn in March among the carriers qualified by then; interviews follow.
	context.steps.push({
		at: amsterdamInstant(`${year}-03-02`, { hour: 9 }),
		order: 2_000,
		run: () => drawDemoSample(year, context),
	})
}

async function drawDemoSample(year: number, context: Context) {
	const qualified = (
		await db.participation.findMany({
			where: { year, state: 'qualified' },
			select: { id: true, state: true, providerId: true, provider: { select: { type: true } } },
		})
	).filter((participation) => !context.notForSample.has(`${participation.providerId}:${year}`))
	if (qualified.length === 0) return
	// The story below needs its incorrect qualification to fall to a drawn carrier that takes no
	// part in the next year. Participation ids are new at every seeding, so a draw with one fixed
	// seed finds such a carrier only by chance (the demo test failed when it did not). The demo
	// tries its seeds in turn until the draw includes one; the sample keeps the seed it used, so the
	// draw can be checked as any other.
	const lastInDemo = (participationId: string) =>
		qualified.some(
			(participation) =>
				participation.id === participationId && context.lastOfProvider.has(`${participation.providerId}:${year}`),
		)
	const wanted = qualified.some((participation) => lastInDemo(participation.id))
	const draw = (seed: string) =>
		drawSample(
			qualified.map((participation) => ({
				participationId: participation.id,
				providerType: participation.provider.type,
				state: participation.state,
			})),
			{ count: Math.min(4, qualified.length), stratifyByType: true, seed },
		)
	let seed = `demo-steekproef-${year}`
	let { ids, record } = draw(seed)
	for (let attempt = 1; wanted && attempt <= 200 && !ids.some(lastInDemo); attempt++) {
		seed = `demo-steekproef-${year}-${attempt}`
		;({ ids, record } = draw(seed))
	}
	const sample = await db.sample.create({
		data: {
			year,
			seed,
			count: ids.length,
			stratifyByType: true,
			record: JSON.parse(JSON.stringify(record)),
			drawnAt: amsterdamInstant(`${year}-03-02`, { hour: 9 }),
			drawnById: context.staff.admin.userId as string,
		},
	})
	for (const participationId of ids) {
		await db.sampleMember.create({ data: { sampleId: sample.id, participationId } })
		await runParticipationEvent(participationId, { type: 'draw_into_sample' }, context.staff.admin)
	}
	// Interview outcomes over the following weeks: most confirmed, one incorrect qualification — the
	// first to be held. It withdraws the mark and makes the provider's next participation a
	// re-applicant's (003 §3.3: listed only after qualifying), so it falls to a drawn carrier that
	// takes no part in the next year of the demo: no later story is changed by it.
	const days = [14, 25, 32, 60]
	const providerOf = new Map(qualified.map((participation) => [participation.id, participation.providerId]))
	const incorrect = ids.find((id) => context.lastOfProvider.has(`${providerOf.get(id)}:${year}`))
	const order = incorrect ? [incorrect, ...ids.filter((id) => id !== incorrect)] : ids
	// Last year's last interview also found the qualification incorrect, but the second assessor
	// rejected the proposed withdrawal: the mark stays and the sample closes as confirmed
	// (docs/decisions/011), the finding and the rejection on record.
	const overruled = year === runningYearAt(context.now) - 1 && order.length >= 3 ? order[order.length - 1] : undefined
	order.forEach((participationId, index) => {
		const planned = {
			days: days[index % days.length] as number,
			outcome:
				participationId === incorrect || participationId === overruled
					? ('incorrect_qualification' as const)
					: ('confirmed' as const),
		}
		const at = amsterdamInstant(addDays(`${year}-03-02`, planned.days), { hour: 13 })
		context.steps.push({
			at,
			order: 3_000 + index,
			// Through the staff's own use cases, as on the sample pages: the interview is planned (it
			// took place that morning), then its outcome recorded on the confirmation page's input
			// (interviewOutcomeInput). The demo years have four-eyes for withdrawals (the default), so an
			// incorrect qualification records a withdrawal proposal (issue 17); the second assessor
			// approves it that afternoon, which withdraws the mark per that day with the letter (reason,
			// day, bezwaar term), the mail, the dissolved agreement and the audit trail.
			run: async () => {
				const assessor = context.staff.assessor as Actor & { userId: string }
				const member = await db.sampleMember.findUniqueOrThrow({
					where: { participationId },
					include: { interview: true },
				})
				if (!member.interview) throw new Error(`${participationId}: steekproef zonder gesprek`)
				await planInterview(assessor, {
					interviewId: member.interview.id,
					scheduledAt: new Date(at.getTime() - 3 * 3_600_000),
					mode: index % 2 === 0 ? 'online' : 'op locatie',
					interviewerId: assessor.userId,
					notes: '',
					expectedVersion: member.interview.version,
				})
				const decider = await db.user.findUniqueOrThrow({ where: { id: assessor.userId }, select: { name: true } })
				const recorded = await recordInterviewOutcome(
					assessor,
					interviewOutcomeInput(
						member.interview.id,
						{
							outcome: planned.outcome,
							version: member.interview.version + 1,
							notes:
								planned.outcome === 'confirmed'
									? 'De zelfevaluatie wordt in de praktijk herkend; voorbeelden zijn overtuigend.'
									: participationId === overruled
										? 'In het gesprek konden de werkafspraken met de huisartsen niet worden getoond. De kwalificatie lijkt daarom onterecht.'
										: 'In het steekproefgesprek bleek de beschreven werkwijze in de praktijk niet te worden toegepast. De kwalificatie was daarom onterecht.',
							effectiveOn: planned.outcome === 'confirmed' ? null : amsterdamDateOf(at),
						},
						decider,
					),
				)
				if (recorded.applied) {
					if (planned.outcome === 'incorrect_qualification')
						throw new Error(`${participationId}: intrekking zonder tweede persoon`)
					return
				}
				context.steps.push({
					at: new Date(at.getTime() + 2 * 3_600_000),
					order: 3_000 + index,
					run: () =>
						decideWithdrawalProposal(
							context.staff.secondAssessor as Actor & { userId: string },
							participationId === overruled
								? {
										proposalId: recorded.proposalId,
										approve: false,
										note: 'De werkafspraken met de huisartsen staan in het kwaliteitshandboek (versie maart); het gesprek gaf een onvolledig beeld. Het keurmerk blijft.',
									}
								: { proposalId: recorded.proposalId, approve: true },
						),
				})
			},
		})
	})
}

const demoDocuments = new Map<string, string>()

async function demoTemplateFile(providerId: string, providerName: string, label: string, userId: string | null) {
	const key = `${providerId}:${label}`
	const existing = demoDocuments.get(key)
	if (existing) return existing
	const doc = createPdf({ title: `Leeg format: ${label}`, createdAt: new Date('2026-01-01T00:00:00Z') })
	letterhead(doc, providerName)
	heading(doc, `Leeg format — ${label}`, 16)
	paragraph(
		doc,
		'Dit is een leeg format zoals de praktijk het gebruikt. Alle onderdelen die de norm vraagt, komen erin aan bod.',
	)
	for (const part of [
		'Hulpvraag en aanleiding',
		'Doelen en wanneer ze zijn bereikt',
		'Afspraken en evaluatie',
		'Toestemming van de cliënt',
	]) {
		heading(doc, part, 11)
		paragraph(doc, '………………………………………………………………………………')
	}
	const file = await storeFile({
		kind: 'template_upload',
		providerId,
		originalName: `${label
			.toLowerCase()
			.replace(/[^a-z0-9]+/g, '-')
			.slice(0, 40)}.pdf`,
		mimeType: 'application/pdf',
		bytes: await renderPdf(doc),
		uploadedById: userId,
	})
	demoDocuments.set(key, file.id)
	return file.id
}

/** A provider's note as a small PDF, attached to a demo message. */
async function demoAttachment(providerName: string) {
	const doc = createPdf({ title: 'Werkproces', createdAt: new Date('2026-01-01T00:00:00Z') })
	letterhead(doc, providerName)
	heading(doc, 'Werkproces terugvalpreventie', 16)
	paragraph(doc, 'Zo werken wij: signalen bespreken, afspraken vastleggen, na drie maanden evalueren met de cliënt.')
	return uploadOfBytes('werkproces.pdf', 'pdf', new Uint8Array(await renderPdf(doc)))
}

async function fillRound(
	participationId: string,
	year: number,
	number: number,
	demo: DemoProvider,
	providerId: string,
	userId: string | null,
	partial: boolean,
) {
	const loaded = await loadNormSet(year)
	if (!loaded) throw new Error(`geen normen voor ${year}`)
	const round =
		(await db.selfEvaluationRound.findUnique({ where: { participationId_number: { participationId, number } } })) ??
		(await db.selfEvaluationRound.create({ data: { participationId, number } }))
	const evidence = allEvidence(loaded.normSet)
	const chosen = partial ? evidence.slice(0, Math.ceil(evidence.length / 2)) : evidence
	for (const { item } of chosen) {
		const answer = demoAnswer(item, demo)
		const evidenceItemId = loaded.evidenceIds.get(item.key) as string
		const documentId = answer.needsDocument ? await demoTemplateFile(providerId, demo.name, item.label, userId) : null
		await db.answer.create({
			data: {
				roundId: round.id,
				evidenceItemId,
				text: answer.text ?? null,
				number: answer.number ?? null,
				url: answer.url ?? null,
				checkedElements: answer.checkedElements,
				declared: answer.declared ?? null,
				updatedById: userId,
				updatedAt: now(), // the demo clock, not the wall clock of the seeding machine
				...(documentId ? { documents: { create: { fileId: documentId, addedAt: now() } } } : {}),
			},
		})
	}
}

async function reviseRound(participationId: string, year: number, userId: string | null) {
	const round = await db.selfEvaluationRound.findUniqueOrThrow({
		where: { participationId_number: { participationId, number: 2 } },
	})
	const previous = await db.selfEvaluationRound.findUniqueOrThrow({
		where: { participationId_number: { participationId, number: 1 } },
		include: { assessments: { where: { verdict: 'insufficient' }, select: { criterionId: true } } },
	})
	const criteria = previous.assessments.map((assessment) => assessment.criterionId)
	const answers = await db.answer.findMany({
		where: { roundId: round.id, evidenceItem: { criterionId: { in: criteria } }, text: { not: null } },
	})
	for (const answer of answers) {
		await db.answer.update({
			where: { id: answer.id },
			data: {
				text: `${answer.text ?? ''}\n\nAanvulling ${year}: een voorbeeld uit de praktijk — bij een cliënt met paniekklachten hebben wij de doelen, de verwachte duur en de behandelvorm samen vastgelegd en na zes weken geëvalueerd.`,
				version: { increment: 1 },
				updatedById: userId,
				updatedAt: now(),
			},
		})
	}
}

async function assess(
	participationId: string,
	year: number,
	number: number,
	insufficientCount: number,
	assessor: Actor,
	comment: string,
) {
	const loaded = await loadNormSet(year)
	if (!loaded) throw new Error(`geen normen voor ${year}`)
	const participation = await db.participation.findUniqueOrThrow({
		where: { id: participationId },
		include: { provider: { select: { type: true } }, markYear: true },
	})
	const round = await db.selfEvaluationRound.findUniqueOrThrow({
		where: { participationId_number: { participationId, number } },
		include: { answers: { include: { documents: { include: { file: { select: { originalName: true } } } } } } },
	})
	const answers: Answers = Object.fromEntries(
		round.answers.map((answer) => [
			loaded.evidenceKeys.get(answer.evidenceItemId) as string,
			{
				...(answer.text !== null ? { text: answer.text } : {}),
				...(answer.number !== null ? { number: answer.number } : {}),
				...(answer.url !== null ? { url: answer.url } : {}),
				...(answer.declared !== null ? { declared: answer.declared } : {}),
				checkedElements: answer.checkedElements,
				documents: answer.documents.map((document) => ({ id: document.fileId, name: document.file.originalName })),
			},
		]),
	)
	const profile = { type: participation.provider.type, offersChronicEchelon: participation.offersChronicEchelon }
	const limits = { revisionsUsed: participation.revisionsUsed, maxRevisions: participation.markYear.maxRevisions }
	const toAssess = assessmentOutcome(loaded.normSet, profile, answers, {}, limits).toAssess
	const verdicts = Object.fromEntries(
		toAssess.map((ref, index) => [ref.key, index < insufficientCount ? 'insufficient' : 'sufficient'] as const),
	)
	const outcome = assessmentOutcome(loaded.normSet, profile, answers, verdicts, limits).outcome
	if (!outcome) throw new Error('beoordeling onvolledig')
	await db.$transaction(async (tx) => {
		for (const ref of toAssess) {
			await tx.criterionAssessment.create({
				data: {
					roundId: round.id,
					criterionId: loaded.criterionIds.get(ref.key) as string,
					verdict: verdicts[ref.key] ?? 'sufficient',
					feedback: verdicts[ref.key] === 'insufficient' ? comment : 'Voldoende toegelicht.',
					assessorId: assessor.userId as string,
					assessedAt: now(),
				},
			})
		}
		await tx.selfEvaluationRound.update({
			where: { id: round.id },
			data: { outcome, outcomeProposedById: assessor.userId, outcomeProposedAt: now(), decidedAt: now() },
		})
	})
	const result = await runParticipationEvent(participationId, eventForRoundOutcome(outcome), assessor)
	if (!result.ok) throw new Error(`beoordeling ${participationId}: ${result.refusal.code}`)
}

async function reportTurnoverAndInvoice(
	participationId: string,
	year: number,
	demo: DemoProvider,
	userId: string,
	index: number,
	context: Context,
) {
	const participation = await db.participation.findUniqueOrThrow({
		where: { id: participationId },
		select: { state: true, stateBeforeWithdrawal: true },
	})
	// Only the carriers of that year pay the fee.
	if (
		participation.state === 'withdrawn' &&
		participation.stateBeforeWithdrawal !== 'confirmed' &&
		participation.stateBeforeWithdrawal !== 'qualified'
	)
		return
	const reportedAt = now()
	const amountCents = BigInt(Math.round(demo.turnover * 100))
	await db.turnoverReport.create({
		data: { participationId, amountCents, source: 'provider', reportedAt, reportedById: userId },
	})
	// The invoice follows two days later, through the real service: number, PDF, audit and mail.
	const issuedAt = new Date(reportedAt.getTime() + 2 * 86_400_000)
	if (issuedAt > context.now) return
	context.steps.push({
		at: issuedAt,
		order: index,
		run: async () => {
			const result = await db.$transaction((tx) => issueInvoice(tx, participationId, systemActor, now()))
			if (!result.issued) throw new Error(`factuur ${participationId}: ${result.refusal.code}`)
			const paidAt = new Date(issuedAt.getTime() + (12 + (index % 15)) * 86_400_000)
			const unpaid = index % 7 === 3 || demo.stories.includes('withdrawn_unpaid')
			const invoiceId = result.invoice.id
			if (unpaid) {
				// The overdue-invoices run's one notice, the morning after the due day (DOMAIN.md §6).
				const noticeAt = amsterdamInstant(addDays(amsterdamDateOf(result.invoice.dueAt), 1), { hour: 7 })
				if (noticeAt <= context.now)
					context.steps.push({
						at: noticeAt,
						order: index,
						run: async () => {
							const sent = await db.$transaction((tx) => notifyOverdueInvoice(tx, invoiceId, now()))
							if (!sent) throw new Error(`aanmaning ${invoiceId}: niet verstuurd`)
						},
					})
			}
			if (unpaid || paidAt > context.now) return
			context.steps.push({
				at: paidAt,
				order: index,
				run: async () => void (await markInvoicePaid(invoiceId, amsterdamDateOf(now()), context.staff.admin)),
			})
		},
	})
}

function hashNumber(value: string): number {
	let hash = 2166136261
	for (const char of value) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619) >>> 0
	return hash
}
