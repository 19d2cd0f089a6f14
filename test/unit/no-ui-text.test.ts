import { readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ERROR_CODES, refusal } from '#app/domain/errors.ts'
import { translateError } from '#app/i18n/errors.ts'
import { catalogues } from '#app/i18n/translate.ts'

// Issue 11: the domain and the services speak in codes; every sentence a user reads lives in the
// catalogues (app/i18n/{nl,en}) and is translated at the edge. This test reads the source of
// app/domain and app/services and fails on a string literal that reads as Dutch: two or more words
// that occur in the Dutch catalogue and nowhere in the English one.

const root = path.resolve(import.meta.dirname, '../..')

function messagesOf(catalogue: object): string[] {
	return Object.values(catalogue).flatMap((namespace) => Object.values(namespace as Record<string, string>))
}

const wordsOf = (text: string) =>
	text
		.toLowerCase()
		.replace(/\{[^{}]*\}/g, ' ')
		.split(/[^a-zà-ÿ]+/)
		.filter((word) => word.length >= 3)

const english = new Set(messagesOf(catalogues.en).flatMap(wordsOf))
const dutchOnly = new Set(
	messagesOf(catalogues.nl)
		.flatMap(wordsOf)
		.filter((word) => !english.has(word)),
)

/** Dutch words of a text: words of the Dutch catalogue that English never uses. */
function dutchWords(text: string): string[] {
	return wordsOf(text).filter((word) => dutchOnly.has(word))
}

// Values of a year's settings that KiBG names in Dutch and staff may edit (DOMAIN.md §6): data with
// a default, not UI text. Each exception names the file and the literal.
const DATA_DEFAULTS: Record<string, string[]> = {
	'app/domain/year-settings.ts': [
		'omzet monodisciplinaire GGZ',
		'gerealiseerde omzet GBGGZ',
		// The default of the year's VAT-exemption text, printed on the (Dutch) invoice.
		'Over de afdracht wordt geen btw in rekening gebracht (vrijgesteld).',
	],
}

function sourceFiles(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name)
		if (statSync(full).isDirectory()) return name === '__fixtures__' ? [] : sourceFiles(full)
		return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : []
	})
}

/** String literals of a TypeScript source, comments left out ('…', "…", `…` without ${…}). */
function stringLiterals(source: string): string[] {
	const literals: string[] = []
	const pattern = /\/\/[^\n]*|\/\*[\s\S]*?\*\/|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g
	for (const match of source.matchAll(pattern)) {
		const token = match[0]
		if (token.startsWith('//') || token.startsWith('/*')) continue
		// A placeholder is part of the word it sits in: paths and file names have no spaces.
		literals.push(token.slice(1, -1).replace(/\$\{[^}]*\}/g, 'x'))
	}
	return literals
}

describe('no UI text in the domain and the services', () => {
	it('has a Dutch vocabulary to look for', () => {
		// Guards the guard: the words the old sentences were made of are in it.
		for (const word of ['zelfevaluatie', 'ingediend', 'overeenkomst', 'gekwalificeerd', 'bedrijfsbureau']) {
			expect(dutchOnly.has(word), word).toBe(true)
		}
		expect(dutchWords('De overeenkomst is al ondertekend.')).toEqual(['overeenkomst', 'ondertekend'])
	})

	const files = [...sourceFiles(path.join(root, 'app/domain')), ...sourceFiles(path.join(root, 'app/services'))]

	it.each(files.map((file) => [path.relative(root, file), file]))('%s', (relative, file) => {
		const allowed = DATA_DEFAULTS[relative] ?? []
		const found = stringLiterals(readFileSync(file, 'utf8'))
			.filter((literal) => /\s/.test(literal.trim()))
			.filter((literal) => !allowed.includes(literal))
			.filter((literal) => dutchWords(literal).length >= 2)
		expect(found).toEqual([])
	})
})

describe('the English catalogue', () => {
	it('has no Dutch refusal: every code reads in English', () => {
		for (const code of ERROR_CODES) {
			const sentence = translateError(refusal(code, {}), 'en')
			expect(dutchWords(sentence), `${code}: ${sentence}`).toEqual([])
			expect(sentence, code).not.toBe(translateError(refusal(code, {}), 'nl'))
		}
	})
})
