// Delivery files of the spiegelrapportage: untrusted CSV and XLSX into a grid of cells, and the
// template the portal offers. Limits first, then the parser:
// - at most 1 MB on the wire (`readUploadForm` cuts the body off beyond it), read from its
//   temporary file only once its name and size pass;
// - XLSX: the type by content (a ZIP with `[Content_Types].xml` and `xl/`), and before any byte is
//   inflated, the ZIP's own table of contents must declare ≤ 200 entries and ≤ 10 MB unpacked (a
//   "zip bomb" of a few kB would otherwise unpack to gigabytes; fflate, which read-excel-file uses,
//   inflates into buffers of the declared size, so the declaration is the bound); only the first
//   sheet is read, with read-excel-file's SAX parser (no DTDs or external entities);
// - CSV: UTF-8 (Excel's "CSV UTF-8"), else Windows-1252 (Dutch Excel's plain "CSV"); no NUL bytes;
//   at most 500 rows and 50 columns are kept (the domain refuses a longer file as a whole).
import { readSheet } from 'read-excel-file/universal'
import writeXlsxFile from 'write-excel-file/node'
import { toCsv } from '#app/lib/csv.ts'
import { type Cell, type Grid, MAX_FILE_ROWS, TEMPLATE_HEADERS } from '#app/domain/benchmark-file.ts'
import type { IndicatorDefinition } from '#app/domain/benchmark-indicators.ts'
import type { MessageKey } from '#app/i18n/catalogue.ts'
import { readFile } from 'node:fs/promises'
import { isPlainFileName, type ReceivedFile, sniffKind } from './uploads.server.ts'

export const MAX_DELIVERY_FILE_BYTES = 1024 * 1024
const MAX_ZIP_ENTRIES = 200
const MAX_UNPACKED_BYTES = 10 * 1024 * 1024
const MAX_COLUMNS = 50

export type DeliveryFileError = Extract<
	MessageKey,
	| 'benchmark.uploadMissing'
	| 'benchmark.uploadTooLarge'
	| 'benchmark.uploadBadName'
	| 'benchmark.uploadBadType'
	| 'benchmark.uploadEmpty'
	| 'benchmark.uploadUnreadable'
>

export class DeliveryFileRefused extends Error {
	constructor(readonly key: DeliveryFileError) {
		super(key)
	}
}

export interface DeliveryFile {
	name: string
	kind: 'csv' | 'xlsx'
	grid: Grid
}

/** Checks one uploaded delivery file and reads it into a grid. Throws DeliveryFileRefused. */
export async function readDeliveryFile(file: ReceivedFile | null): Promise<DeliveryFile> {
	if (!file) throw new DeliveryFileRefused('benchmark.uploadMissing')
	const name = file.name.normalize('NFC').trim()
	if (!name && file.size === 0) throw new DeliveryFileRefused('benchmark.uploadMissing')
	if (!isPlainFileName(name)) throw new DeliveryFileRefused('benchmark.uploadBadName')
	if (file.size === 0) throw new DeliveryFileRefused('benchmark.uploadEmpty')
	if (file.size > MAX_DELIVERY_FILE_BYTES) throw new DeliveryFileRefused('benchmark.uploadTooLarge')
	const bytes = new Uint8Array(await readFile(file.path))
	const extension = name.slice(name.lastIndexOf('.') + 1).toLowerCase()
	if (extension === 'xlsx') {
		if ((await sniffKind(bytes)) !== 'xlsx') throw new DeliveryFileRefused('benchmark.uploadBadType')
		return { name, kind: 'xlsx', grid: await readXlsx(bytes) }
	}
	if (extension === 'csv') {
		if (bytes.includes(0) || (await sniffKind(bytes)) !== null) throw new DeliveryFileRefused('benchmark.uploadBadType')
		return { name, kind: 'csv', grid: parseCsv(decodeText(bytes)) }
	}
	throw new DeliveryFileRefused('benchmark.uploadBadType')
}

async function readXlsx(bytes: Uint8Array): Promise<Grid> {
	const sizes = zipDeclaredSizes(bytes)
	if (!sizes || sizes.length > MAX_ZIP_ENTRIES || sizes.reduce((sum, size) => sum + size, 0) > MAX_UNPACKED_BYTES)
		throw new DeliveryFileRefused('benchmark.uploadUnreadable')
	try {
		const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer
		const rows = (await readSheet(buffer, 1)) as unknown as Cell[][]
		return rows.slice(0, MAX_FILE_ROWS + 1).map((row) => row.slice(0, MAX_COLUMNS))
	} catch {
		throw new DeliveryFileRefused('benchmark.uploadUnreadable')
	}
}

/** The uncompressed sizes the ZIP's central directory declares, or null when it cannot be read. */
export function zipDeclaredSizes(bytes: Uint8Array): number[] | null {
	const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
	const lowest = Math.max(0, bytes.length - 22 - 65_535)
	let end = -1
	for (let index = bytes.length - 22; index >= lowest; index--) {
		if (view.getUint32(index, true) === 0x06054b50) {
			end = index
			break
		}
	}
	if (end < 0) return null
	const count = view.getUint16(end + 10, true)
	let offset = view.getUint32(end + 16, true)
	const sizes: number[] = []
	for (let index = 0; index < count; index++) {
		if (offset + 46 > bytes.length || view.getUint32(offset, true) !== 0x02014b50) return null
		const size = view.getUint32(offset + 24, true)
		// 0xFFFFFFFF: the real size is in a ZIP64 extra field; a delivery template never needs one.
		if (size === 0xffffffff) return null
		sizes.push(size)
		offset +=
			46 + view.getUint16(offset + 28, true) + view.getUint16(offset + 30, true) + view.getUint16(offset + 32, true)
	}
	return sizes
}

function decodeText(bytes: Uint8Array): string {
	let text: string
	try {
		text = new TextDecoder('utf-8', { fatal: true }).decode(bytes)
	} catch {
		text = new TextDecoder('windows-1252').decode(bytes)
	}
	return text.replace(/^\uFEFF/, '')
}

/**
 * RFC 4180 CSV with the separator of the first line (`;` from Dutch Excel, `,` or a tab
 * elsewhere): quoted fields may hold separators, quotes ("") and line breaks.
 */
export function parseCsv(text: string): string[][] {
	const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
	const separator = [';', ',', '\t'].reduce((best, candidate) =>
		countOutsideQuotes(firstLine, candidate) > countOutsideQuotes(firstLine, best) ? candidate : best,
	)
	const rows: string[][] = []
	let row: string[] = []
	let field = ''
	let quoted = false
	for (let index = 0; index < text.length; index++) {
		const char = text[index] as string
		if (quoted) {
			if (char === '"' && text[index + 1] === '"') {
				field += '"'
				index++
			} else if (char === '"') quoted = false
			else field += char
			continue
		}
		if (char === '"' && field === '') quoted = true
		else if (char === separator) {
			if (row.length < MAX_COLUMNS) row.push(field)
			field = ''
		} else if (char === '\n' || char === '\r') {
			if (char === '\r' && text[index + 1] === '\n') index++
			if (row.length < MAX_COLUMNS) row.push(field)
			rows.push(row)
			if (rows.length > MAX_FILE_ROWS) return rows
			row = []
			field = ''
		} else field += char
	}
	if (field !== '' || row.length > 0) {
		row.push(field)
		rows.push(row)
	}
	// A leading apostrophe is our own CSV-injection guard (csv.ts); a carrier may send it back.
	return rows.map((cells) => cells.map((cell) => cell.replace(/^'(?=[=+\-@])/, '')))
}

function countOutsideQuotes(line: string, char: string): number {
	let count = 0
	let quoted = false
	for (const current of line) {
		if (current === '"') quoted = !quoted
		else if (current === char && !quoted) count++
	}
	return count
}

// ─── The template ─────────────────────────────────────────────────────────────────────────────

export interface TemplateLabels {
	label: (indicator: IndicatorDefinition) => string
	unit: (indicator: IndicatorDefinition) => string
	range: (indicator: IndicatorDefinition) => string
	headers: { code: string; label: string; unit: string; range: string; value: string }
}

function templateRows(
	indicators: readonly IndicatorDefinition[],
	values: Record<string, number | null>,
	labels: TemplateLabels,
) {
	return indicators.map((indicator) => ({
		code: indicator.code,
		label: labels.label(indicator),
		unit: labels.unit(indicator),
		range: labels.range(indicator),
		value: values[indicator.code] ?? null,
	}))
}

/**
 * The delivery template as XLSX: the machine-read headers `code` and `waarde` stay as they are in
 * every language (the reader finds its columns by them); the other columns explain.
 */
export async function deliveryTemplateXlsx(
	indicators: readonly IndicatorDefinition[],
	values: Record<string, number | null>,
	labels: TemplateLabels,
): Promise<Buffer> {
	const header = [
		TEMPLATE_HEADERS.code,
		labels.headers.label,
		labels.headers.unit,
		labels.headers.range,
		TEMPLATE_HEADERS.value,
	].map((value) => ({ value, fontWeight: 'bold' as const }))
	const rows = templateRows(indicators, values, labels).map((row) => [
		row.code,
		row.label,
		row.unit,
		row.range,
		row.value === null ? null : row.value,
	])
	return writeXlsxFile([header, ...rows], {
		sheet: 'Indicatoren',
		columns: [{ width: 24 }, { width: 60 }, { width: 14 }, { width: 18 }, { width: 12 }],
		stickyRowsCount: 1,
	}).toBuffer()
}

export function deliveryTemplateCsv(
	indicators: readonly IndicatorDefinition[],
	values: Record<string, number | null>,
	labels: TemplateLabels,
): string {
	type Row = ReturnType<typeof templateRows>[number]
	return toCsv<Row>(
		[
			{ header: TEMPLATE_HEADERS.code, value: (row) => row.code },
			{ header: labels.headers.label, value: (row) => row.label },
			{ header: labels.headers.unit, value: (row) => row.unit },
			{ header: labels.headers.range, value: (row) => row.range },
			{ header: TEMPLATE_HEADERS.value, value: (row) => row.value },
		],
		templateRows(indicators, values, labels),
	)
}
