// A delivery as a file (CSV or XLSX, in the template the portal offers): a grid of cells becomes the
// values per indicator, or every problem with its row and column. All or nothing: the service
// stores the values only when there is no problem at all. Pure: reading the bytes into a grid is
// app/lib/spreadsheet.server.ts.
import {
	acceptIndicatorNumber,
	type IndicatorDefinition,
	parseIndicatorInput,
	type ValueProblem,
} from './benchmark-indicators.ts'

export type Cell = string | number | boolean | Date | null | undefined
export type Grid = readonly (readonly Cell[])[]

/** The template's columns; the value column is found by its header, the others are for people. */
export const TEMPLATE_HEADERS = { code: 'code', label: 'indicator', unit: 'eenheid', range: 'bereik', value: 'waarde' }
const VALUE_HEADERS = ['waarde', 'value']

/** A problem in a file; the catalogue has `benchmark.file_<code>`. Row 1 is the first row. */
export type FileProblem =
	| { code: 'no_header' }
	| { code: 'no_value_column' }
	| { code: 'too_many_rows'; max: number }
	| { code: 'code_missing' }
	| { code: 'unknown_code'; indicator: string }
	| { code: 'duplicate_code'; indicator: string; firstRow: number }
	| { code: 'missing_indicator'; indicator: string }
	| { code: 'not_text' }
	| ({ code: 'value'; indicator: string } & { problem: ValueProblem })

export interface FileError {
	/** 1-based row as a spreadsheet shows it; absent for a problem of the whole file. */
	row?: number
	/** Column letter ('A', 'B', … 'AA'); absent for a problem of a whole row or the file. */
	column?: string
	problem: FileProblem
}

export type ParsedDeliveryFile =
	{ ok: true; values: Record<string, number | null> } | { ok: false; errors: FileError[] }

/** More rows than this is not a delivery of a handful of indicators. */
export const MAX_FILE_ROWS = 500

export function columnLetter(index: number): string {
	let letters = ''
	for (let rest = index + 1; rest > 0; rest = Math.floor((rest - 1) / 26))
		letters = String.fromCharCode(65 + ((rest - 1) % 26)) + letters
	return letters
}

function cellText(cell: Cell): string {
	if (cell === null || cell === undefined) return ''
	if (cell instanceof Date) return cell.toISOString()
	return String(cell).trim()
}

const isEmptyRow = (row: readonly Cell[]) => row.every((cell) => cellText(cell) === '')

/**
 * The values of a delivery file for `indicators` (all of the year's list). Empty value cells are
 * "not filled in" (null); every indicator must have a row, unknown and repeated codes are errors.
 */
export function parseDeliveryGrid(grid: Grid, indicators: readonly IndicatorDefinition[]): ParsedDeliveryFile {
	if (grid.length > MAX_FILE_ROWS)
		return { ok: false, errors: [{ problem: { code: 'too_many_rows', max: MAX_FILE_ROWS } }] }
	const headerIndex = grid.findIndex((row) => !isEmptyRow(row))
	if (headerIndex < 0) return { ok: false, errors: [{ problem: { code: 'no_header' } }] }
	const header = (grid[headerIndex] ?? []).map((cell) => cellText(cell).toLowerCase())
	const codeColumn = header.indexOf(TEMPLATE_HEADERS.code)
	const valueColumn = header.findIndex((name) => VALUE_HEADERS.includes(name))
	const headerRow = headerIndex + 1
	if (codeColumn < 0) return { ok: false, errors: [{ row: headerRow, problem: { code: 'no_header' } }] }
	if (valueColumn < 0) return { ok: false, errors: [{ row: headerRow, problem: { code: 'no_value_column' } }] }

	const byCode = new Map(indicators.map((indicator) => [indicator.code, indicator]))
	const seen = new Map<string, number>()
	const values: Record<string, number | null> = {}
	const errors: FileError[] = []
	const codeLetter = columnLetter(codeColumn)
	const valueLetter = columnLetter(valueColumn)

	grid.slice(headerIndex + 1).forEach((row, offset) => {
		const rowNumber = headerRow + offset + 1
		if (isEmptyRow(row)) return
		const rawCode = row[codeColumn]
		const code = cellText(rawCode).toLowerCase()
		if (code === '') {
			errors.push({ row: rowNumber, column: codeLetter, problem: { code: 'code_missing' } })
			return
		}
		const indicator = byCode.get(code)
		if (!indicator) {
			errors.push({
				row: rowNumber,
				column: codeLetter,
				problem: { code: 'unknown_code', indicator: cellText(rawCode) },
			})
			return
		}
		const firstRow = seen.get(code)
		if (firstRow !== undefined) {
			errors.push({
				row: rowNumber,
				column: codeLetter,
				problem: { code: 'duplicate_code', indicator: code, firstRow },
			})
			return
		}
		seen.set(code, rowNumber)
		const cell = row[valueColumn]
		let parsed
		if (typeof cell === 'number') parsed = acceptIndicatorNumber(indicator, cell)
		else if (cell === null || cell === undefined || typeof cell === 'string')
			parsed = parseIndicatorInput(indicator, cell ?? '')
		else {
			errors.push({ row: rowNumber, column: valueLetter, problem: { code: 'not_text' } })
			return
		}
		if (parsed.ok) values[code] = parsed.value
		else
			errors.push({
				row: rowNumber,
				column: valueLetter,
				problem: { code: 'value', indicator: code, problem: parsed.problem },
			})
	})
	for (const indicator of indicators) {
		if (!seen.has(indicator.code)) errors.push({ problem: { code: 'missing_indicator', indicator: indicator.code } })
	}
	return errors.length ? { ok: false, errors } : { ok: true, values }
}
