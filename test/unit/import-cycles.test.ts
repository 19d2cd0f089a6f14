import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// The linter's import-x/no-cycle catches cycles of values; TypeScript erases `import type`, so it
// ignores those. A cycle of types still ties modules together (issue 11 found one among
// app/domain/{automatic-withdrawal,participation,register}.ts). This walks every static import and
// re-export of app/, emails/ and templates/, types included, and fails on any cycle.

const root = path.resolve(import.meta.dirname, '../..')
const aliases: Record<string, string> = {
	'#app/': 'app/',
	'#emails/': 'emails/',
	'#templates/': 'templates/',
	'#server/': 'server/',
	'#prisma/': 'prisma/',
}

function files(dir: string): string[] {
	return readdirSync(dir).flatMap((name) => {
		const full = path.join(dir, name)
		if (statSync(full).isDirectory()) return name === 'generated' || name === '__fixtures__' ? [] : files(full)
		return /\.tsx?$/.test(name) && !/\.(test|spec)\.tsx?$/.test(name) ? [full] : []
	})
}

function resolve(from: string, specifier: string): string | null {
	const alias = Object.keys(aliases).find((prefix) => specifier.startsWith(prefix))
	const base = alias
		? path.join(root, aliases[alias] as string, specifier.slice(alias.length))
		: specifier.startsWith('.')
			? path.resolve(path.dirname(from), specifier)
			: null
	if (!base) return null
	for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts')]) {
		if (existsSync(candidate) && statSync(candidate).isFile()) return candidate
	}
	return null
}

function importsOf(file: string): string[] {
	const source = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '')
	const specifiers = [...source.matchAll(/^\s*(?:import|export)\b[^'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map(
		(match) => match[1] as string,
	)
	return specifiers.map((specifier) => resolve(file, specifier)).filter((target): target is string => target !== null)
}

/** Strongly connected components with more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
	let index = 0
	const indices = new Map<string, number>()
	const low = new Map<string, number>()
	const stack: string[] = []
	const onStack = new Set<string>()
	const found: string[][] = []
	const visit = (node: string) => {
		indices.set(node, index)
		low.set(node, index++)
		stack.push(node)
		onStack.add(node)
		for (const next of graph.get(node) ?? []) {
			if (!indices.has(next)) {
				visit(next)
				low.set(node, Math.min(low.get(node)!, low.get(next)!))
			} else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, indices.get(next)!))
		}
		if (low.get(node) === indices.get(node)) {
			const component: string[] = []
			let member: string
			do {
				member = stack.pop()!
				onStack.delete(member)
				component.push(path.relative(root, member))
			} while (member !== node)
			if (component.length > 1) found.push(component.sort())
		}
	}
	for (const node of graph.keys()) if (!indices.has(node)) visit(node)
	return found
}

describe('imports', () => {
	const all = ['app', 'emails', 'templates'].flatMap((dir) => files(path.join(root, dir)))
	const graph = new Map(all.map((file) => [file, importsOf(file)]))

	it('are read from the sources (the walk finds the domain’s own imports)', () => {
		const participation = graph.get(path.join(root, 'app/domain/participation.ts')) ?? []
		expect(participation.map((file) => path.relative(root, file))).toContain('app/domain/calendar.ts')
		expect(
			cycles(
				new Map([
					['a', ['b']],
					['b', ['a']],
					['c', []],
				]),
			),
		).toEqual([['a', 'b']])
	})

	it('form no cycle, types included', () => {
		expect(cycles(graph)).toEqual([])
	})
})
