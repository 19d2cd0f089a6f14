// Who reads a consultation, and for whom they react. Permission first: a consultation that is not
// open to the reader is a 404 (DOMAIN.md §2), except one open to anyone, which the public may read.
import { z } from 'zod'
import { getOptionalUser } from '#app/lib/permissions.server.ts'
import { notFound } from '#app/lib/http.server.ts'
import { type Party, loadConcept, loadOwnResponse, partiesOf } from '#app/services/consultation.server.ts'

const yearParam = z
	.string()
	.regex(/^\d{4}$/)
	.transform(Number)

export function parseYear(raw: string | undefined): number {
	const year = yearParam.safeParse(raw)
	if (!year.success) notFound()
	return year.data
}

export async function readConsultation(request: Request, rawYear: string | undefined) {
	const year = parseYear(rawYear)
	const user = await getOptionalUser(request)
	const concept = await loadConcept(year)
	if (!concept) notFound()
	const { consultation } = concept
	const parties = user ? await partiesOf(user, consultation) : []
	const staff = Boolean(user?.staffRole)
	// Before it opens, only staff see it; after that, whoever may react, and anyone when it is public.
	if (consultation.phase === 'scheduled' && !staff) notFound()
	if (!staff && parties.length === 0 && !consultation.openToPublic) notFound()
	const wanted = new URL(request.url).searchParams.get('namens')
	const party: Party | null = parties.find((candidate) => candidate.partyKey === wanted) ?? parties[0] ?? null
	const response = party ? await loadOwnResponse(consultation.id, party) : null
	return { year, user, concept, parties, party, response, staff }
}

/** The party a form posts for: one of the reader's own parties, else 404. */
export function partyFromForm(parties: Party[], value: FormDataEntryValue | null): Party {
	const party = parties.find((candidate) => candidate.partyKey === value)
	if (!party) notFound()
	return party
}
