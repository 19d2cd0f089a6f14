// The public Keurmerkregister (issue 6): search, the carrier page and the rows of the open data.
//
// Who is in the register and with which status is decided by app/domain/register.ts. Every
// transition stores that decision as the participation's register window (listedFrom ≤ t <
// listedUntil, app/services/participation.server.ts), so the search can filter, count, sort and
// page 10,000 providers in one SQL query instead of computing a status per provider in JS. The
// status expression below restates registerStatus() on the stored window; a test holds the two
// together (test/integration/register-search.test.ts), and the carrier page uses the domain itself.
import { Prisma } from '#app/generated/prisma/client.ts'
import type { CalendarDate } from '#app/domain/amsterdam-time.ts'
import { yearEndAt } from '#app/domain/calendar.ts'
import { type ParticipationSnapshot } from '#app/domain/participation.ts'
import { QUALIFIED_STATES } from '#app/domain/participation-states.ts'
import { POSTCODE_PROVINCE_RANGES, PROVINCES, type Province, registerProvince } from '#app/domain/province.ts'
import { type RegisterStatus, registerStatus } from '#app/domain/register.ts'
import {
	ACCENTED,
	escapeLike,
	paginate,
	placeNames,
	type Pagination,
	type RegisterSearchStatus,
	REGISTER_PAGE_SIZE,
	REGISTER_STATUSES,
	type RegisterQuery,
	type SearchRequirement,
	searchRequirements,
	UNACCENTED,
} from '#app/domain/register-search.ts'
import type { ProviderType } from '#app/domain/types.ts'
import type { YearSettings } from '#app/domain/year-settings.ts'
import { now } from '#app/lib/clock.server.ts'
import { db } from '#app/lib/db.server.ts'
import { snapshotOf, withHistory } from './participation.server.ts'
import { getYearSettings, runningYearAt, toYearSettings } from './years.server.ts'

/**
 * The moment a year's register is shown at: now for the running year, the last moment of the
 * year for a past one (its carriers stay visible with the status they ended the year with:
 * a withdrawal shows with its date, the others as they were on 31 December).
 */
export function registerMoment(settings: YearSettings, at: Date = now()): Date {
	const end = yearEndAt(settings)
	return at.getTime() < end.getTime() ? at : end
}

/** Years with a register to show (somebody was listed by now), the latest first. */
export async function registerYears(at: Date = now()): Promise<number[]> {
	const rows = await db.$queryRaw<{ year: number }[]>`
		SELECT DISTINCT year FROM "Participation" WHERE "listedFrom" <= ${at} ORDER BY year DESC`
	return rows.map((row) => row.year)
}

/** The year to show when the visitor chose none: the running one, else the latest with a register. */
export function defaultRegisterYear(years: readonly number[], at: Date = now()): number {
	const running = runningYearAt(at)
	if (years.includes(running)) return running
	return years.find((year) => year < running) ?? years[0] ?? running
}

export interface RegisterEntry {
	slug: string
	name: string
	type: ProviderType
	city: string
	postcode: string
	province: Province | null
	website: string | null
	year: number
	status: RegisterSearchStatus
	listedFrom: Date
	/** Always null: a withdrawn carrier is not in the register (kept for open data schema v1). */
	withdrawnAt: Date | null
	qualifiedAt: Date | null
	certificateNumber: string | null
	certificateValidUntil: Date | null
}

interface EntryRow {
	slug: string
	name: string
	type: ProviderType
	city: string
	postcode: string
	province: string | null
	website: string | null
	year: number
	status: RegisterSearchStatus
	listedFrom: Date
	listedUntil: Date | null
	qualifiedAt: Date | null
	certificateNumber: string | null
	certificateValidUntil: Date | null
}

const qualifiedStates = Prisma.join(QUALIFIED_STATES.map((state) => Prisma.sql`${state}`))

/**
 * registerStatus() at `at` on the stored window, for a participation in the register at `at`
 * (listedFrom ≤ at < listedUntil): qualified once its (pre-withdrawal) state is a qualified one
 * and qualifiedAt has passed, else listed.
 */
function statusSql(at: Date): Prisma.Sql {
	return Prisma.sql`CASE
		WHEN p."qualifiedAt" <= ${at}
			AND (CASE WHEN p.state = 'withdrawn' THEN p."stateBeforeWithdrawal" ELSE p.state END)::text IN (${qualifiedStates})
			THEN 'qualified'
		ELSE 'listed' END`
}

// Accent- and case-insensitive text of a column, the SQL side of normaliseSearchText() (the same
// fold as the trigger behind Provider.searchText).
const folded = (column: Prisma.Sql) =>
	Prisma.sql`lower(translate(${column}, ${ACCENTED + ACCENTED.toUpperCase()}, ${UNACCENTED + UNACCENTED}))`

/**
 * The entries of a year's register at `at`: the base every search and export filters. Only who is
 * in the register at `at` (003 §3.3: a withdrawn carrier "wordt uit het Keurmerkregister
 * verwijderd"; for a past year `at` is its last moment). The certificate is joined later
 * (`withCertificates`), for the rows of one page only.
 */
function entriesSql(year: number, at: Date): Prisma.Sql {
	return Prisma.sql`
		SELECT p.id, pr.slug, pr.name, pr.type::text AS type, pr.city, pr.postcode, pr.province, pr.website, pr."searchText", p.year,
			${statusSql(at)} AS status, p."listedFrom", p."listedUntil", p."qualifiedAt"
		FROM "Participation" p
		JOIN "Provider" pr ON pr.id = p."providerId"
		WHERE p.year = ${year} AND p."listedFrom" <= ${at} AND (p."listedUntil" IS NULL OR p."listedUntil" > ${at})`
}

/** Adds the certificate to already selected (and ordered) entries `e`. */
function withCertificates(entries: Prisma.Sql, order: Prisma.Sql): Prisma.Sql {
	return Prisma.sql`
		SELECT e.*, c.number AS "certificateNumber", c."validUntil" AS "certificateValidUntil"
		FROM (${entries}) e LEFT JOIN "Certificate" c ON c."participationId" = e.id
		ORDER BY ${order}`
}

function filtersSql(query: RegisterQuery): Prisma.Sql[] {
	const filters: Prisma.Sql[] = []
	for (const requirement of searchRequirements(query.q)) filters.push(requirementSql(requirement))
	if (query.type) filters.push(Prisma.sql`e.type = ${query.type}`)
	if (query.city) {
		const names = Prisma.join(placeNames(query.city).map((name) => Prisma.sql`${name}`))
		filters.push(Prisma.sql`${folded(Prisma.sql`e.city`)} IN (${names})`)
	}
	if (query.postcode) filters.push(Prisma.sql`e.postcode LIKE ${`${query.postcode}%`}`)
	if (query.province) filters.push(provinceFilter(query.province))
	return filters
}

/**
 * One search requirement on the folded "searchText" (kept by a trigger, migration
 * register_search_text): contains an alternative literally, or — for a typed word long enough —
 * has a word similar to it by trigrams: `term <% text` is word_similarity(term, text) ≥ pg_trgm's
 * word_similarity_threshold (FUZZY_THRESHOLD, its default). Both use the trigram index of
 * migration register_trigram_search.
 */
function requirementSql(requirement: SearchRequirement): Prisma.Sql {
	const literal = requirement.alternatives.map(
		(alternative) => Prisma.sql`e."searchText" LIKE ${`%${escapeLike(alternative)}%`} ESCAPE '\\'`,
	)
	const fuzzy = requirement.fuzzy
		? requirement.alternatives.map((alternative) => Prisma.sql`${alternative} <% e."searchText"`)
		: []
	return Prisma.sql`(${Prisma.join([...literal, ...fuzzy], ' OR ')})`
}

const ORDER: Record<RegisterQuery['sort'], Prisma.Sql> = {
	name: Prisma.sql`lower(e.name), e.slug`,
	city: Prisma.sql`lower(e.city), lower(e.name), e.slug`,
	status: Prisma.sql`CASE e.status WHEN 'qualified' THEN 0 WHEN 'listed' THEN 1 ELSE 2 END, lower(e.name), e.slug`,
}

function where(filters: Prisma.Sql[]): Prisma.Sql {
	return filters.length ? Prisma.sql`WHERE ${Prisma.join(filters, ' AND ')}` : Prisma.empty
}

function toEntry(row: EntryRow): RegisterEntry {
	return {
		slug: row.slug,
		name: row.name,
		type: row.type,
		city: row.city,
		postcode: row.postcode,
		province: registerProvince(row.province, row.postcode),
		website: row.website,
		year: row.year,
		status: row.status,
		listedFrom: row.listedFrom,
		withdrawnAt: null,
		qualifiedAt: row.status === 'qualified' ? row.qualifiedAt : null,
		certificateNumber: row.status === 'qualified' ? row.certificateNumber : null,
		certificateValidUntil: row.status === 'qualified' ? row.certificateValidUntil : null,
	}
}

export interface RegisterSearchResult {
	year: number
	years: number[]
	/** The query asked for a year without a register: the default year is shown instead. */
	unknownYear: boolean
	/** The moment the statuses are for. */
	at: Date
	/** The shown year's qualification deadline (inclusive), null for a year without settings. */
	qualificationDeadline: CalendarDate | null
	total: number
	/** Matches per status for the other filters (the status filter's counts). */
	statusCounts: Record<RegisterSearchStatus, number>
	pagination: Pagination
	entries: RegisterEntry[]
}

/** One page of the register for a search; counts and paging in the database. */
export async function searchRegister(query: RegisterQuery, clock: Date = now()): Promise<RegisterSearchResult> {
	const years = await registerYears(clock)
	// A year without a register (a typo, a future year) shows the default year, and says so.
	const unknownYear = query.year !== null && !years.includes(query.year)
	const year = query.year !== null && !unknownYear ? query.year : defaultRegisterYear(years, clock)
	const settings = await getYearSettings(year)
	const emptyCounts = Object.fromEntries(REGISTER_STATUSES.map((status) => [status, 0])) as Record<
		RegisterSearchStatus,
		number
	>
	if (!settings || !years.includes(year)) {
		return {
			year,
			years,
			unknownYear,
			at: clock,
			qualificationDeadline: settings?.qualificationDeadline ?? null,
			total: 0,
			statusCounts: emptyCounts,
			pagination: paginate(0, 1),
			entries: [],
		}
	}
	const at = registerMoment(settings, clock)
	const base = Prisma.sql`(${entriesSql(year, at)}) e`
	const filters = filtersSql(query)
	const counts = await db.$queryRaw<{ status: RegisterSearchStatus; count: bigint }[]>`
		SELECT e.status, count(*) AS count FROM ${base} ${where(filters)} GROUP BY e.status`
	const statusCounts = { ...emptyCounts }
	for (const row of counts) statusCounts[row.status] = Number(row.count)
	const total = query.status ? statusCounts[query.status] : counts.reduce((sum, row) => sum + Number(row.count), 0)
	const pagination = paginate(total, query.page)
	const withStatus = query.status ? [...filters, Prisma.sql`e.status = ${query.status}`] : filters
	const rows =
		total === 0
			? []
			: await db.$queryRaw<EntryRow[]>(
					withCertificates(
						Prisma.sql`SELECT e.* FROM ${base} ${where(withStatus)} ORDER BY ${ORDER[query.sort]} LIMIT ${REGISTER_PAGE_SIZE} OFFSET ${pagination.offset}`,
						ORDER[query.sort],
					),
				)
	return {
		year,
		years,
		unknownYear,
		at,
		qualificationDeadline: settings.qualificationDeadline,
		total,
		statusCounts,
		pagination,
		entries: rows.map(toEntry),
	}
}

// The provider's own province, else the one its postcode suggests (registerProvince in SQL).
function provinceFilter(province: Province): Prisma.Sql {
	// Postcodes are stored normalised ('1234 AB'): their first four characters compare as text.
	const ranges = POSTCODE_PROVINCE_RANGES.filter(([, , name]) => name === province).map(
		([first, last]) => Prisma.sql`left(e.postcode, 4) BETWEEN ${String(first)} AND ${String(last)}`,
	)
	const byPostcode = ranges.length ? Prisma.join(ranges, ' OR ') : Prisma.sql`false`
	const known = Prisma.join(PROVINCES.map((name) => Prisma.sql`${name.toLowerCase()}`))
	return Prisma.sql`(lower(trim(e.province)) = ${province.toLowerCase()} OR (lower(trim(coalesce(e.province, ''))) NOT IN (${known}) AND (${byPostcode})))`
}

/** Every entry of a year's register (the open data), sorted by name. */
export async function registerEntries(
	year: number,
	clock: Date = now(),
): Promise<{ at: Date; entries: RegisterEntry[] } | null> {
	const settings = await getYearSettings(year)
	if (!settings) return null
	const at = registerMoment(settings, clock)
	const rows = await db.$queryRaw<EntryRow[]>(withCertificates(entriesSql(year, at), ORDER.name))
	return { at, entries: rows.map(toEntry) }
}

/** A register status as the public may see it: a withdrawal's date, never its reason (DOMAIN.md §7). */
export type PublicCarrierStatus =
	Extract<RegisterStatus, { kind: 'listed' | 'qualified' | 'expired' }> | { kind: 'withdrawn'; since: Date }

function publicCarrierStatus(status: Exclude<RegisterStatus, { kind: 'not_listed' }>): PublicCarrierStatus {
	return status.kind === 'withdrawn' ? { kind: 'withdrawn', since: status.since } : status
}

export interface CarrierYear {
	year: number
	markName: string
	at: Date
	/** The year's qualification deadline (inclusive): what a carrier not yet qualified must meet. */
	qualificationDeadline: CalendarDate
	status: PublicCarrierStatus
	certificate: { number: string; validUntil: Date } | null
}

export interface Carrier {
	slug: string
	name: string
	type: ProviderType
	city: string
	postcode: string
	province: Province | null
	website: string | null
	/** Every year in the register, the latest first. */
	years: CarrierYear[]
}

/**
 * A carrier's public page: only what DOMAIN.md §7 makes public, for every year it was in the
 * register (a withdrawal stays visible with its date). Null for a provider never listed.
 */
export async function loadCarrier(slug: string, clock: Date = now()): Promise<Carrier | null> {
	const provider = await db.provider.findUnique({
		where: { slug },
		select: {
			slug: true,
			name: true,
			type: true,
			city: true,
			postcode: true,
			province: true,
			website: true,
			participations: {
				where: { listedFrom: { lte: clock } },
				orderBy: { year: 'desc' },
				include: { ...withHistory, certificate: { select: { number: true, validUntil: true } } },
			},
		},
	})
	if (!provider) return null
	const years: CarrierYear[] = []
	for (const participation of provider.participations) {
		const snapshot: ParticipationSnapshot = snapshotOf(participation)
		const settings = toYearSettings(participation.markYear)
		const at = registerMoment(settings, clock)
		const status = registerStatus(snapshot, settings, at)
		if (status.kind === 'not_listed') continue
		const certificate =
			participation.certificate && (status.kind === 'qualified' || status.kind === 'withdrawn')
				? participation.certificate
				: null
		years.push({
			year: participation.year,
			markName: settings.markName,
			at,
			qualificationDeadline: settings.qualificationDeadline,
			status: publicCarrierStatus(status),
			certificate,
		})
	}
	if (years.length === 0) return null
	return {
		slug: provider.slug,
		name: provider.name,
		type: provider.type,
		city: provider.city,
		postcode: provider.postcode,
		province: registerProvince(provider.province, provider.postcode),
		website: provider.website,
		years,
	}
}
