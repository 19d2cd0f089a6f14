// The sent reactions of a consultation as CSV, with the same filters as the list.
import type { Route } from './+types/reactions-csv'
import { csvResponse, toCsv } from '#app/lib/csv.ts'
import { QUALITIES } from '#app/domain/consultation.ts'
import { createTranslate } from '#app/i18n/translate.ts'
import { notFound } from '#app/lib/http.server.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { parseYear } from '#app/routes/consultation/reader.server.ts'
import { getConsultation, type StaffReaction, staffReactions } from '#app/services/consultation.server.ts'
import { reactionFilters } from './filters.ts'

export async function loader({ request, params }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const year = parseYear(params.year)
	if (!(await getConsultation(year))) notFound()
	const t = createTranslate(await getLocale(request, user))
	const reactions = await staffReactions(year, reactionFilters(new URL(request.url).searchParams))
	const csv = toCsv<StaffReaction>(
		[
			{ header: t('consultation.csvPoint'), value: (row) => row.target },
			{ header: t('consultation.csvOrganisation'), value: (row) => row.organisationName },
			{ header: t('consultation.csvReactor'), value: (row) => t(`consultation.reactor_${row.reactorType}`) },
			{ header: t('consultation.csvSentAt'), value: (row) => row.submittedAt },
			...QUALITIES.map((quality) => ({
				header: t(`consultation.quality_${quality}`),
				value: (row: StaffReaction) => row.ratings[quality],
			})),
			{ header: t('consultation.csvText'), value: (row) => row.text },
			{ header: t('consultation.csvAttachment'), value: (row) => row.attachment?.name ?? '' },
			{ header: t('consultation.csvQuoteConsent'), value: (row) => row.quoteConsent },
		],
		reactions,
	)
	return csvResponse(`consultatie-${year}-reacties.csv`, csv)
}
