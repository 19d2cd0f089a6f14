// The register's bench data (bench/register.ts, bench/plans.ts): providers over 40 cities with a
// participation in one year — 70 % qualified (with a certificate), 15 % listed, 15 % withdrawn.
import { amsterdamInstant, endOfDay } from '#app/domain/amsterdam-time.ts'
import { formatCertificateNumber } from '#app/domain/fees.ts'
import { defaultYearSettings } from '#app/domain/year-settings.ts'
import { db } from '#app/lib/db.server.ts'
import { markYearData } from '#app/services/years.server.ts'

const cities: [string, string][] = [
	['Amsterdam', '1012'],
	['Rotterdam', '3011'],
	['Den Haag', '2511'],
	['Utrecht', '3511'],
	['Eindhoven', '5611'],
	['Groningen', '9711'],
	['Tilburg', '5038'],
	['Almere', '1315'],
	['Breda', '4811'],
	['Nijmegen', '6511'],
	['Apeldoorn', '7311'],
	['Haarlem', '2011'],
	['Arnhem', '6811'],
	['Enschede', '7511'],
	['Amersfoort', '3811'],
	['Zaandam', '1506'],
	['’s-Hertogenbosch', '5211'],
	['Zwolle', '8011'],
	['Leiden', '2311'],
	['Maastricht', '6211'],
	['Dordrecht', '3311'],
	['Zoetermeer', '2711'],
	['Ede', '6711'],
	['Deventer', '7411'],
	['Delft', '2611'],
	['Leeuwarden', '8911'],
	['Alkmaar', '1811'],
	['Venlo', '5911'],
	['Heerlen', '6411'],
	['Hilversum', '1211'],
	['Assen', '9401'],
	['Emmen', '7811'],
	['Middelburg', '4331'],
	['Lelystad', '8211'],
	['Roermond', '6041'],
	['Gouda', '2801'],
	['Helmond', '5701'],
	['Oss', '5341'],
	['Sneek', '8601'],
	['Hoorn', '1621'],
]
const words = [
	'Praktijk',
	'Psychologenpraktijk',
	'GGZ',
	'Zorg',
	'Centrum',
	'Linde',
	'Eik',
	'Noord',
	'Zuid',
	'Horizon',
	'Kompas',
	'Brug',
	'Cliëntwijs',
	'Zoë',
	'Anker',
	'Bron',
]
/** Providers number `from` … `from + count - 1` (slugs bench-<n>) with their participation in `year`. */
export async function seedRegisterProviders(year: number, from: number, count: number): Promise<void> {
	if ((await db.markYear.count({ where: { year } })) === 0)
		await db.markYear.create({ data: markYearData(defaultYearSettings(year)) })
	const listedFrom = amsterdamInstant(`${year}-01-01`)
	const yearEnd = new Date(endOfDay(`${year}-12-31`).getTime() + 1)
	const qualifiedAt = amsterdamInstant(`${year}-02-15`, { hour: 10 })
	const withdrawnAt = amsterdamInstant(`${year}-04-01`)
	const BATCH = 500
	for (let start = from; start < from + count; start += BATCH) {
		const batch = Array.from({ length: Math.min(BATCH, from + count - start) }, (_, i) => start + i)
		await db.provider.createMany({
			data: batch.map((n) => {
				const [city, pc4] = cities[n % cities.length] ?? ['Utrecht', '3511']
				const kvk = String(30_000_000 + n)
				const name = `${words[n % words.length]} ${words[(n * 7 + 3) % words.length]} ${String(n).padStart(5, '0')}`
				return {
					name,
					slug: `bench-${n}`,
					type: n % 5 === 0 ? 'institution' : 'independent_practice',
					kvkNumber: kvk,
					agbCode: kvk,
					street: 'Straat',
					houseNumber: String(n % 200),
					postcode: `${pc4} AB`,
					city,
					email: `p${n}@bench.test`,
					website: `https://p${n}.example.nl`,
				} as const
			}),
		})
		const providers = await db.provider.findMany({
			where: { slug: { in: batch.map((n) => `bench-${n}`) } },
			select: { id: true, slug: true },
		})
		await db.participation.createMany({
			data: providers.map((provider) => {
				const n = Number(provider.slug.slice(6))
				const kind = n % 20 < 14 ? 'qualified' : n % 20 < 17 ? 'listed' : 'withdrawn'
				return {
					providerId: provider.id,
					year,
					state: kind === 'qualified' ? 'qualified' : kind === 'listed' ? 'submitted' : 'withdrawn',
					stateBeforeWithdrawal: kind === 'withdrawn' ? 'listed' : null,
					stateChangedAt: qualifiedAt,
					appliedAt: amsterdamInstant(`${year - 1}-06-15`),
					qualifiedAt: kind === 'qualified' ? qualifiedAt : null,
					listedFrom,
					listedUntil: kind === 'withdrawn' ? withdrawnAt : yearEnd,
				} as const
			}),
		})
	}
	const issued = await db.certificate.count({ where: { year } })
	const qualified = await db.participation.findMany({
		where: { year, state: 'qualified', certificate: null },
		select: { id: true },
		orderBy: { id: 'asc' },
	})
	await db.certificate.createMany({
		data: qualified.map((participation, index) => ({
			participationId: participation.id,
			year,
			sequence: issued + index + 1,
			number: formatCertificateNumber(year, issued + index + 1),
			issuedAt: qualifiedAt,
			validUntil: endOfDay(`${year}-12-31`),
		})),
	})
}
