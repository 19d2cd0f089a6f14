import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import {
	AUDIT_FIELDS_KEYED_BY_DATA,
	auditFieldLabel,
	auditFieldLabelled,
	auditValueText,
	auditValueWord,
} from '#app/i18n/labels.ts'

// Every field an audit event can record has a label in Dutch and English (issue 12 §7): the audit
// log shows the before and after of an event field by field (app/routes/staff/audit-diff.tsx,
// nested fields as "Intrekking › Reden"), and a field without a label would show its code. This
// reads every `recordAudit(…)` call of app/ with the TypeScript checker and collects the property
// names of the types given as `before` and `after`, at any depth; arrays, dates and other values are
// shown as values. A payload whose shape the checker cannot see (`unknown`, a record of any key)
// fails too: give it a type, so that its fields are known here (unless its keys are data:
// AUDIT_FIELDS_KEYED_BY_DATA).

const root = path.resolve(import.meta.dirname, '../..')

interface Found {
	/** Field name → where it is recorded (the first place). */
	fields: Map<string, string>
	/** Payloads the checker cannot see into. */
	opaque: string[]
	calls: number
}

function auditedFields(): Found {
	const configFile = ts.readConfigFile(path.join(root, 'tsconfig.json'), (file) => ts.sys.readFile(file))
	const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, root)
	const files = config.fileNames.filter(
		(file) =>
			file.startsWith(path.join(root, 'app') + path.sep) &&
			!/\.(test|spec)\.tsx?$/.test(file) &&
			!file.includes(`${path.sep}generated${path.sep}`) &&
			!file.includes(`${path.sep}test-fixtures${path.sep}`) &&
			(ts.sys.readFile(file) ?? '').includes('recordAudit('),
	)
	const program = ts.createProgram(files, { ...config.options, noEmit: true })
	const checker = program.getTypeChecker()
	const found: Found = { fields: new Map(), opaque: [], calls: 0 }

	const collect = (type: ts.Type, where: string, seen: Set<ts.Type>) => {
		if (seen.has(type)) return
		seen.add(type)
		if (type.isUnion()) {
			for (const part of type.types) collect(part, where, seen)
			return
		}
		if (type.flags & (ts.TypeFlags.Any | ts.TypeFlags.Unknown)) {
			found.opaque.push(where)
			return
		}
		if (!(type.flags & ts.TypeFlags.Object) && !type.isIntersection()) return
		if (checker.isArrayType(type) || checker.isTupleType(type)) return
		const name = type.getSymbol()?.getName()
		if (name === 'Date' || name === 'Uint8Array' || name === 'Buffer') return
		const properties = checker.getPropertiesOfType(type)
		if (properties.length === 0 && checker.getIndexInfosOfType(type).length > 0) {
			if (!AUDIT_FIELDS_KEYED_BY_DATA.includes(where.split('.').pop() ?? '')) found.opaque.push(where)
			return
		}
		for (const property of properties) {
			if (!found.fields.has(property.name)) found.fields.set(property.name, where)
			collect(checker.getTypeOfSymbol(property), `${where}.${property.name}`, seen)
		}
	}

	for (const source of program.getSourceFiles()) {
		if (!files.includes(source.fileName)) continue
		const visit = (node: ts.Node) => {
			if (
				ts.isCallExpression(node) &&
				ts.isIdentifier(node.expression) &&
				node.expression.text === 'recordAudit' &&
				node.arguments[1]
			) {
				found.calls += 1
				const input = checker.getTypeAtLocation(node.arguments[1])
				const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1
				const place = `${path.relative(root, source.fileName)}:${line}`
				for (const side of ['before', 'after']) {
					const property = checker.getPropertyOfType(input, side)
					if (property) collect(checker.getTypeOfSymbolAtLocation(property, node), `${place} ${side}`, new Set())
				}
			}
			ts.forEachChild(node, visit)
		}
		visit(source)
	}
	return found
}

describe('the labels of audited fields', () => {
	const found = auditedFields()

	it('finds the audit calls and their fields (the walker itself works)', () => {
		expect(found.calls).toBeGreaterThan(60)
		expect(found.fields.get('revisionDueAt')).toBeDefined()
		// A nested field: the withdrawal of a participation's snapshot.
		expect(found.fields.has('effectiveAt')).toBe(true)
	})

	it('can see the shape of every before and after', () => {
		expect(found.opaque).toEqual([])
	})

	it('has a Dutch and an English label for every field an audit event can record', () => {
		const missing = [...found.fields]
			.filter(([name]) => !auditFieldLabelled(name, 'nl') || !auditFieldLabelled(name, 'en'))
			.map(([name, where]) => `${name} (${where})`)
		expect(missing).toEqual([])
		for (const name of found.fields.keys()) expect(auditFieldLabel(name, 'en')).not.toBe(name)
	})

	it('shows every code an audited field can hold in words: each value of the enum a field of that name has in the schema', () => {
		// A proposal's `status: 'pending'`, a message's `side: 'provider'`, an indicator's
		// `unit: 'minutes'` read as words in the audit log (issue 12 §7); the CSV export stays raw.
		const schema = readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8')
		const enums = new Map(
			[...schema.matchAll(/^enum (\w+) \{([^}]*)\}/gm)].map((match) => [
				match[1] ?? '',
				(match[2] ?? '')
					.split('\n')
					.map((line) => line.replace(/\/\/.*$/, '').trim())
					.filter(Boolean),
			]),
		)
		// Below a field keyed by data the walker does not look: an assessment's verdicts by criterion.
		const audited = new Set([...found.fields.keys(), 'verdict'])
		const raw = new Set<string>()
		let checked = 0
		for (const [, field, type] of schema.matchAll(/^ {2}(\w+) +(\w+)\??(?: |$)/gm)) {
			const values = enums.get(type ?? '')
			if (!field || !values || !audited.has(field)) continue
			for (const value of values)
				for (const locale of ['nl', 'en'] as const) {
					checked += 1
					// A code in words: its own word, or a state, reason or outcome label.
					if (auditValueWord(field, value, locale) === null && auditValueText(field, value, locale) === value)
						raw.add(`${field}: ${value} (${locale})`)
				}
		}
		expect(checked).toBeGreaterThan(100)
		expect([...raw]).toEqual([])
	})
})
