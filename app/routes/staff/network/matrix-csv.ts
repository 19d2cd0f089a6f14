// The theme matrix as CSV: one row per theme and province, asked and offered.
import type { Route } from './+types/matrix-csv'
import { csvResponse, toCsv } from '#app/lib/csv.ts'
import { createTranslate } from '#app/i18n/translate.ts'
import { getLocale } from '#app/lib/locale.server.ts'
import { requireStaff } from '#app/lib/permissions.server.ts'
import { staffThemeMatrix, themeYears } from '#app/services/network.server.ts'
import { matrixQuery } from './query.server.ts'

export async function loader({ request }: Route.LoaderArgs) {
	const user = await requireStaff(request)
	const t = createTranslate(await getLocale(request, user))
	const years = await themeYears()
	const query = matrixQuery(
		new URL(request.url).searchParams,
		years.map((entry) => entry.year),
	)
	const { matrix } = await staffThemeMatrix(query.year, query)
	const rows = matrix.themes.flatMap((theme) =>
		matrix.provinces.map((province) => ({
			theme,
			province,
			...(matrix.cells[theme]?.[province] ?? { asked: 0, offered: 0 }),
		})),
	)
	const csv = toCsv<(typeof rows)[number]>(
		[
			{ header: t('network.csvYear'), value: () => query.year },
			{ header: t('network.theme'), value: (row) => row.theme },
			{
				header: t('network.csvProvince'),
				value: (row) => (row.province === 'unknown' ? t('network.unknownProvince') : row.province),
			},
			{ header: t('network.csvAsked'), value: (row) => row.asked },
			{ header: t('network.csvOffered'), value: (row) => row.offered },
		],
		rows,
	)
	return csvResponse(`kennisnetwerk-${query.year}${query.onlyOptedIn ? '-deelnemers' : ''}.csv`, csv)
}
