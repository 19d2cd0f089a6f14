// The consultation of concept norms and the kennisnetwerk in the demo world (issue 18), lived
// through with the real services like the rest of it: the running year's norms went out for
// consultation in the winter before (reactions, considerations and decisions, adoption with the
// document of changes and considerations), next year's draft is out for consultation at the demo
// moment, every year has KiBG's list of themes, and a dozen carriers take part in the kennisnetwerk.
import { addDays, amsterdamInstant } from '#app/domain/amsterdam-time.ts'
import type { Meeting } from '#app/domain/consultation.ts'
import type { NormSet } from '#app/domain/norm-set.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { runJob } from '#app/jobs/runner.server.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { getSessionUserById } from '#app/lib/session.server.ts'
import type { Actor } from '#app/services/audit.server.ts'
import { inRegisterAt } from '#app/services/carriers.server.ts'
import {
	openConsultation,
	partiesOf,
	recordPoint,
	saveReactions,
	sendResponse,
	setQuoted,
	getConsultation,
} from '#app/services/consultation.server.ts'
import { carrierThemes, optIn, answerRequest, sendRequest } from '#app/services/network.server.ts'
import { publishNormSet } from '#app/services/norm-set-editor.server.ts'

interface Step {
	at: Date
	order: number
	run: () => Promise<void>
}

export const demoOrganisations = [
	{
		email: 'inkoop@zorgverzekeraar.demo',
		name: 'Ingrid Inkoop',
		organisationName: 'Zorgverzekeraar Zorgzaam',
		organisationType: 'insurer' as const,
	},
	{
		email: 'beleid@branche.demo',
		name: 'Bart Beleid',
		organisationName: 'Vereniging Basis GGZ',
		organisationType: 'branch_body' as const,
	},
]

/** The running year's draft, changed a little from the year before so the diff has a story. */
export function draftForConsultation(set: NormSet): NormSet {
	const draft = structuredClone(set)
	const norm = draft.themes[0]?.norms.find((candidate) => candidate.key === 'short-generalist-treatment')
	const criterion = norm?.criteria.find((candidate) => candidate.key === 'treatment-800-minutes')
	if (norm) norm.title = 'Generalistisch, kortdurend en hulpvraaggericht behandelen'
	if (criterion)
		criterion.text = `${criterion.text} De aanbieder evalueert jaarlijks hoeveel behandelingen binnen 800 minuten zijn afgerond.`
	return draft
}

const REACTIONS: { norm: string; criterion?: string; text: string; ratings?: Record<string, number> }[] = [
	{
		norm: 'short-generalist-treatment',
		text: 'De 800 minuten sluiten goed aan bij onze praktijk; de jaarlijkse evaluatie vraagt wel extra registratie.',
		ratings: { completeness: 4, clarity: 4, workability: 3, ambition: 4 },
	},
	{
		norm: 'short-generalist-treatment',
		criterion: 'treatment-800-minutes',
		text: 'Graag ook in sessies uitdrukken: het zorgprestatiemodel rekent in consulten.',
		ratings: { completeness: 3, clarity: 2, workability: 2, ambition: 3 },
	},
	{
		norm: 'shared-decision-making',
		text: 'Groepsbehandeling verplicht aanbieden is voor kleine praktijken niet haalbaar; doorverwijzen moet kunnen.',
		ratings: { completeness: 4, clarity: 3, workability: 2, ambition: 5 },
	},
	{
		norm: 'transparency',
		text: 'Deze norm beschrijft goed wat een transparante aanbieder laat zien.',
		ratings: { completeness: 5, clarity: 4, workability: 4, ambition: 3 },
	},
	{
		norm: 'continuous-improvement',
		criterion: 'organisation-wide-improvement',
		text: 'Een mooie toevoeging, maar samen met alle andere wijzigingen wordt het veel in één jaar.',
		ratings: { completeness: 4, clarity: 4, workability: 3, ambition: 4 },
	},
]

async function react(userId: string, year: number, pick: number, send: boolean, quoteConsent: boolean) {
	const user = await getSessionUserById(userId)
	const consultation = await getConsultation(year)
	if (!consultation) return
	const [party] = await partiesOf(user, consultation)
	if (!party) return
	const chosen = [REACTIONS[pick % REACTIONS.length], REACTIONS[(pick + 2) % REACTIONS.length]].filter(
		(entry): entry is (typeof REACTIONS)[number] => Boolean(entry),
	)
	const saved = await saveReactions(user, year, party.partyKey, {
		expectedVersion: 0,
		reactions: chosen.map((entry) =>
			entry.criterion
				? { target: `criterion:${entry.criterion}`, text: entry.text }
				: { target: `norm:${entry.norm}`, text: entry.text, ratings: entry.ratings },
		),
	})
	if (send) await sendResponse(user, year, party.partyKey, { quoteConsent, expectedVersion: saved.version })
}

/**
 * Steps for a consultation on `year`'s draft: opened by the office, the invitation run, reactions
 * from carriers (of the year before) and invited organisations, and — when `adopt` — the reminder,
 * considerations and decisions, and publication of the norms with their document.
 */
export function planConsultation(
	steps: Step[],
	{
		year,
		settings,
		admin,
		window,
		meetings,
		adopt,
	}: {
		year: number
		settings: YearSettings
		admin: Actor
		window: { opensOn: string; closesOn: string }
		meetings: Meeting[]
		adopt: boolean
	},
) {
	const adminActor = admin as Actor & { userId: string }
	const step = (at: Date, run: () => Promise<void>, order = 3_000) => steps.push({ at, order, run })
	step(amsterdamInstant(addDays(window.opensOn, -10), { hour: 10 }), () =>
		openConsultation(adminActor, year, {
			...window,
			introduction: `Het conceptkeurmerk ${year} bouwt voort op de normen van ${year - 1}. Wij leggen een duidelijker accent op kortdurend en generalistisch behandelen en horen graag of de normen volledig, duidelijk, werkbaar en vooruitstrevend genoeg zijn.`,
			openToCarriers: true,
			openToOrganisations: true,
			openToPublic: !adopt,
			organisationsInvited: 400,
			processText: `In het najaar van ${year - 2} zijn bijeenkomsten gehouden met keurmerkdragers en zorgverzekeraars over wat de kracht van de Basis GGZ is en hoe het keurmerk die borgt. Op basis daarvan is het conceptkeurmerk ${year} geformuleerd.`,
			summary: adopt
				? `Het aantal normen en hun titels zijn nagenoeg gelijk gebleven. De belangrijkste wijziging zit in norm 2: kortdurend behandelen binnen 800 minuten blijft het uitgangspunt, en de aanbieder evalueert voortaan jaarlijks hoeveel behandelingen binnen die tijd zijn afgerond.`
				: null,
			meetings,
		}),
	)
	step(amsterdamInstant(window.opensOn, { hour: 6 }), async () => {
		await runJob('consultation-mails', { at: now(), trigger: 'scheduler' })
	})
	// Reactions over the first weeks: carriers' members and the invited organisations.
	step(amsterdamInstant(addDays(window.opensOn, 3), { hour: 14 }), async () => {
		const carriers = await db.provider.findMany({
			where: { participations: { some: inRegisterAt(now()) } },
			orderBy: { name: 'asc' },
			select: { memberships: { where: { canSign: true }, select: { userId: true }, take: 1 } },
		})
		const reactors = carriers.flatMap((carrier) => carrier.memberships.map((membership) => membership.userId))
		const count = adopt ? 9 : 4
		for (const [index, userId] of reactors.slice(0, count).entries()) {
			await react(userId, year, index, adopt || index % 2 === 0, index % 3 !== 1)
		}
		for (const [index, organisation] of demoOrganisations.entries()) {
			const user = await db.user.findUnique({ where: { email: organisation.email }, select: { id: true } })
			if (user) await react(user.id, year, index + 3, adopt || index === 0, index === 0)
		}
	})
	if (!adopt) return
	step(amsterdamInstant(addDays(window.closesOn, -7), { hour: 6 }), async () => {
		await runJob('consultation-mails', { at: now(), trigger: 'scheduler' })
	})
	// The office weighs every reaction (seed 004 §3: the 800 minutes kept, group treatment as referral).
	step(amsterdamInstant(addDays(window.closesOn, 10), { hour: 11 }), async () => {
		const decisions: {
			target: string
			consideration: string
			decision: 'kept' | 'changed' | 'dropped'
			changedText: string | null
		}[] = [
			{
				target: 'norm:short-generalist-treatment',
				consideration:
					'De toevoeging over het evalueren van de behandelduur riep de meeste reacties op. Vrijwel iedereen is voorstander van een prikkel om kortdurend te behandelen; de 800 minuten komen overeen met het gemiddelde uit de spiegelrapportage.',
				decision: 'changed',
				changedText: 'Generalistisch, kortdurend en hulpvraaggericht behandelen',
			},
			{
				target: 'criterion:treatment-800-minutes',
				consideration:
					'Er is voorgesteld over sessies te spreken in plaats van minuten. Het is onwenselijk dat de duur van een sessie wordt aangepast om het aantal sessies te beheersen; dit jaar blijven de minuten.',
				decision: 'kept',
				changedText: null,
			},
			{
				target: 'norm:shared-decision-making',
				consideration:
					'Groepsbehandeling zelf aanbieden blijkt niet voor alle aanbieders haalbaar. Wie dat niet kan, verwijst cliënten die baat hebben bij een groep door naar een aanbieder die dat wel doet.',
				decision: 'kept',
				changedText: null,
			},
			{
				target: 'criterion:organisation-wide-improvement',
				consideration:
					'Een waardevolle toevoeging uit de schriftelijke consultatie: het hele team wordt betrokken bij verbeteren op basis van gegevens.',
				decision: 'kept',
				changedText: null,
			},
		]
		for (const decision of decisions) await recordPoint(adminActor, year, { ...decision, expectedVersion: 0 })
		// Quote two reactions whose authors consented.
		const quotable = await db.consultationReaction.findMany({
			where: { response: { consultation: { year }, status: 'submitted', quoteConsent: true }, text: { not: '' } },
			orderBy: { id: 'asc' },
			take: 2,
		})
		for (const reaction of quotable) await setQuoted(adminActor, reaction.id, true)
	})
	step(amsterdamInstant(settings.normsPublishedOn, { hour: 9 }), async () => {
		await publishNormSet(adminActor, year)
	})
}

/** KiBG's list of themes for a year: the options the 2022 norms name. */
export async function createThemeList(year: number, labels: readonly string[]) {
	await db.networkTheme.createMany({
		data: labels.map((label, position) => ({
			year,
			label,
			position,
			createdAt: amsterdamInstant(`${year - 1}-04-01`),
		})),
	})
}

/** A dozen carriers with themes opt in (their signing contact decides), and two of them meet. */
export function planNetwork(steps: Step[], { year }: { year: number }) {
	steps.push({
		at: amsterdamInstant(`${year}-03-04`, { hour: 10 }),
		order: 3_500,
		run: async () => {
			const carriers = await db.provider.findMany({
				where: { participations: { some: inRegisterAt(now()) } },
				orderBy: { name: 'asc' },
				select: { id: true, memberships: { where: { canSign: true }, select: { userId: true }, take: 1 } },
			})
			const themes = await carrierThemes(
				carriers.map((carrier) => carrier.id),
				year,
			)
			const joined: string[] = []
			for (const carrier of carriers) {
				const own = themes.get(carrier.id)
				const contact = carrier.memberships[0]?.userId
				if (!contact || !own || own.learn.length + own.teach.length === 0 || joined.length >= 12) continue
				await optIn(
					await getSessionUserById(contact),
					carrier.id,
					{
						contactUserId: contact,
						shareLearn: true,
						shareTeach: true,
						shareNotes: joined.length % 2 === 0,
						shareCity: true,
					},
					0,
				)
				joined.push(carrier.id)
			}
			// Two members find each other on a theme one wants to learn and the other can teach.
			for (const from of joined) {
				const wish = themes.get(from)?.learn ?? []
				const to = joined.find(
					(other) => other !== from && wish.some((theme) => themes.get(other)?.teach.includes(theme)),
				)
				if (!to) continue
				const theme = wish.find((candidate) => themes.get(to)?.teach.includes(candidate)) as string
				const fromContact = carriers.find((carrier) => carrier.id === from)?.memberships[0]?.userId as string
				const toContact = carriers.find((carrier) => carrier.id === to)?.memberships[0]?.userId as string
				await sendRequest(await getSessionUserById(fromContact), from, {
					toProviderId: to,
					theme,
					direction: 'learn',
					message: `Wij willen graag van uw ervaring met ${theme.toLowerCase()} leren. Zullen we een keer bellen?`,
				})
				const request = await db.networkRequest.findFirstOrThrow({ where: { fromProviderId: from, toProviderId: to } })
				await answerRequest(await getSessionUserById(toContact), to, {
					requestId: request.id,
					accept: true,
					message: 'Graag! Bel gerust op dinsdag of donderdag.',
				})
				break
			}
		},
	})
}
