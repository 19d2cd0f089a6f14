import { describe, expect, it } from 'vitest'
import { keepReading, readingOf } from '../../bench/report.ts'

// The benches write their tables anew on every run; the hand-written reading under them must stay.
const TABLES = '# Bench\n\nIntro.\n\n## PostgreSQL — 2026-12-06 05:34 UTC\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n'
const READING = '## Reading (2026-12-06, 05:40 UTC; quiet machine)\n\nWhat the figures say:\n- it is fast.\n'

describe('readingOf', () => {
	it('takes everything from the "## Reading" heading to the end', () => {
		expect(readingOf(`${TABLES}\n${READING}\n\n`)).toBe(READING.trimEnd())
	})

	it('knows the heading with words after it, and no heading', () => {
		expect(readingOf('# X\n\n## Reading the numbers\n\nText.')).toBe('## Reading the numbers\n\nText.')
		expect(readingOf(TABLES)).toBe('')
	})

	it('does not take a heading that only starts with the word or a deeper heading', () => {
		expect(readingOf('# X\n\n## Readings\n\nText.\n\n### Reading\n\nMore.')).toBe('')
	})
})

describe('keepReading', () => {
	it('keeps the reading of the previous file after the new tables', () => {
		const previous = `${TABLES.replace('| 1 | 2 |', '| 9 | 9 |')}\n${READING}`
		const written = keepReading(TABLES, previous)
		expect(written).toBe(`${TABLES.trimEnd()}\n\n${READING}`)
		expect(written).not.toContain('| 9 | 9 |')
	})

	it('survives being run again and again (the reading is not doubled)', () => {
		let file: string | null = `${TABLES}\n${READING}`
		for (let run = 0; run < 3; run++) file = keepReading(TABLES, file)
		expect(file).toBe(`${TABLES.trimEnd()}\n\n${READING}`)
		expect(file?.match(/## Reading/g)).toHaveLength(1)
	})

	it('writes the tables alone when there is no previous file or no reading in it', () => {
		expect(keepReading(TABLES, null)).toBe(TABLES)
		expect(keepReading(TABLES, TABLES)).toBe(TABLES)
	})

	it('puts the kept reading in the place of a reading the generator writes itself', () => {
		const generated = `${TABLES}\n## Reading\n\nDefault text.\n`
		expect(keepReading(generated, `${TABLES}\n${READING}`)).toBe(`${TABLES.trimEnd()}\n\n${READING}`)
		expect(keepReading(generated, null)).toBe(generated)
	})
})
