// npm run docs:screens
//
// Screenshots of the main screens at 1280 px and 390 px, kept in docs/screens/ so that a reader
// sees the product without running it. Starts the demo (production build, the README's moment) on
// its own port with a fresh embedded database in a temporary directory, signs in as the demo
// accounts and photographs each screen in Dutch. Needs `npm run build` first and Debian's chromium.
import { spawn } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from '@playwright/test'

const port = Number(process.env.SCREENS_PORT ?? 3280)
const base = `http://localhost:${port}`
// The address the pages print (the agenda feed, the badge snippet) is the demo's APP_URL: a neutral
// one, whatever port the script runs on (a run on SCREENS_PORT=3550 once put localhost:3550 into
// the images). Signing in through localhost still works: the origin check also accepts the host
// the request came to. http, so the cookies need no TLS.
const shownUrl = process.env.SCREENS_APP_URL ?? 'http://keurmerkportaal.example'
// SCREENS_ONLY=aanbieder,drager: photograph only these screens (the README keeps listing all).
const only = process.env.SCREENS_ONLY?.split(',').filter(Boolean) ?? null
const target = path.resolve('docs/screens')
const work = mkdtempSync(path.join(os.tmpdir(), 'screens-'))
const PASSWORD = 'keurmerk-demo-2027'
const WIDTHS = [
	{ name: 'desktop', width: 1280, height: 900 },
	{ name: 'telefoon', width: 390, height: 844 },
] as const
// Long pages are cut at this height: the top of a screen says what it is; the files stay small.
const MAX_HEIGHT = 2400

interface Shot {
	file: string
	title: string
	account: string | null
	/** The path to open, or a function that finds it from an earlier page (ids differ per demo). */
	path: string | ((page: Page) => Promise<string>)
}

async function firstLink(page: Page, from: string, pattern: RegExp): Promise<string> {
	await page.goto(base + from)
	const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((link) => link.getAttribute('href')))
	const found = hrefs.find((href): href is string => !!href && pattern.test(href))
	if (!found) throw new Error(`Geen link die past bij ${pattern} op ${from}`)
	return found
}

/** The provider's self-evaluation of the demo's mark year (the README's moment is in 2027). */
async function selfEvaluation(): Promise<string> {
	return `${landing}/zelfevaluatie/2027`
}

const SHOTS: Shot[] = [
	{ file: 'register', title: 'Keurmerkregister', account: null, path: '/register' },
	{
		file: 'drager',
		title: 'Pagina van een keurmerkdrager',
		account: null,
		path: (page) => firstLink(page, '/register', /^\/register\/[^/?]+$/),
	},
	{ file: 'aanmelden', title: 'Aanmelden', account: null, path: '/aanmelden' },
	{ file: 'normen', title: 'Normen per jaar', account: null, path: '/normen' },
	{
		file: 'aanbieder',
		title: 'Overzicht van een aanbieder',
		account: 'praktijk@aanbieder.demo',
		path: async () => landing,
	},
	{
		file: 'zelfevaluatie-norm',
		title: 'Zelfevaluatie: een norm',
		account: 'praktijk@aanbieder.demo',
		path: async (page) => firstLink(page, await selfEvaluation(), /\/zelfevaluatie\/\d{4}\/norm\/[^/?#]+$/),
	},
	{
		file: 'zelfevaluatie-controle',
		title: 'Zelfevaluatie: controleren en indienen',
		account: 'praktijk@aanbieder.demo',
		path: async () => `${await selfEvaluation()}/controle`,
	},
	{
		file: 'werkbank',
		title: 'Werkbank van de beoordelaar',
		account: 'beoordelaar@kibg.demo',
		path: '/medewerkers/werkbank',
	},
	{
		file: 'beoordeling',
		title: 'Beoordelingsformulier',
		account: 'beoordelaar@kibg.demo',
		path: (page) => firstLink(page, '/medewerkers/werkbank', /\/beoordeling\/\d+$/),
	},
	{ file: 'deelnames', title: 'Deelnames (beheer)', account: 'beheer@kibg.demo', path: '/medewerkers/deelnames' },
	{
		file: 'intrekkingen',
		title: 'Intrekkingen (vier ogen)',
		account: 'beheer@kibg.demo',
		path: '/medewerkers/intrekkingen',
	},
]

async function startDemo(): Promise<() => void> {
	const child = spawn(process.execPath, ['scripts/demo.js'], {
		env: {
			...process.env,
			PORT: String(port),
			APP_URL: shownUrl,
			PGLITE_DATA_DIR: path.join(work, 'db'),
			FILE_STORAGE_DIR: path.join(work, 'files'),
			LOG_LEVEL: 'warn',
		},
		stdio: ['ignore', 'inherit', 'inherit'],
	})
	const stop = () => child.kill('SIGTERM')
	for (let attempt = 0; attempt < 600; attempt++) {
		if (child.exitCode !== null) throw new Error(`De demo stopte (code ${child.exitCode})`)
		const healthy = await fetch(`${base}/healthz`).then(
			(response) => response.ok,
			() => false,
		)
		if (healthy) return stop
		await new Promise((resolve) => setTimeout(resolve, 1000))
	}
	stop()
	throw new Error('De demo startte niet binnen tien minuten')
}

// Where the last sign-in landed (a provider's dashboard, the staff home).
let landing = '/'

async function signIn(page: Page, email: string) {
	await page.goto(`${base}/inloggen`)
	await page.locator('input[name="email"]').fill(email)
	await page.locator('input[name="password"]').fill(PASSWORD)
	await Promise.all([
		page.waitForURL((url) => !url.pathname.startsWith('/inloggen')),
		page.locator('form:has(input[name="password"]) button[type="submit"]').click(),
	])
	landing = new URL(page.url()).pathname
}

async function photograph(browser: Browser) {
	const written: { file: string; title: string; width: number }[] = []
	for (const size of WIDTHS) {
		const shots = SHOTS.filter((shot) => !only || only.includes(shot.file))
		const accounts = [...new Set(shots.map((shot) => shot.account))]
		for (const account of accounts) {
			const context = await browser.newContext({
				viewport: { width: size.width, height: size.height },
				locale: 'nl-NL',
				timezoneId: 'Europe/Amsterdam',
				reducedMotion: 'reduce',
			})
			const page = await context.newPage()
			if (account) await signIn(page, account)
			for (const shot of shots.filter((candidate) => candidate.account === account)) {
				const where = typeof shot.path === 'string' ? shot.path : await shot.path(page)
				await page.goto(base + where)
				await page.waitForLoadState('networkidle')
				const height = await page.evaluate(() => document.documentElement.scrollHeight)
				const file = `${shot.file}-${size.name}.jpg`
				const image = await page.screenshot({
					type: 'jpeg',
					quality: 60,
					fullPage: true,
					clip: { x: 0, y: 0, width: size.width, height: Math.min(height, MAX_HEIGHT) },
				})
				writeFileSync(path.join(target, file), image)
				written.push({ file, title: shot.title, width: size.width })
				console.log(`${file} (${Math.round(image.length / 1024)} kB)`)
			}
			await context.close()
		}
	}
	return written
}

function readme(written: { file: string; title: string; width: number }[]) {
	const rows = SHOTS.map((shot) => {
		const desktop = written.find((entry) => entry.file === `${shot.file}-desktop.jpg`)
		const phone = written.find((entry) => entry.file === `${shot.file}-telefoon.jpg`)
		return `| ${shot.title} | ${shot.account ?? 'niet ingelogd'} | ${desktop ? `[1280 px](${desktop.file})` : ''} | ${phone ? `[390 px](${phone.file})` : ''} |`
	})
	return [
		'# Schermen van het Keurmerkportaal',
		'',
		"Screenshots of the main screens of the demo (the README's moment, 20 March 2027), in Dutch, at",
		"1280 px and 390 px wide. Regenerate them with `npm run build && npm run docs:screens` (Debian's",
		'chromium; the script starts the demo on its own port with a temporary embedded database). Long',
		`pages are cut at ${MAX_HEIGHT} px.`,
		'',
		'| scherm | account | desktop | telefoon |',
		'| --- | --- | --- | --- |',
		...rows,
		'',
	].join('\n')
}

mkdirSync(target, { recursive: true })
const stop = await startDemo()
const browser = await chromium.launch({
	executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
	args: ['--no-sandbox', '--disable-gpu'],
})
try {
	const written = await photograph(browser)
	if (!only) writeFileSync(path.join(target, 'README.md'), readme(written))
} finally {
	await browser.close()
	stop()
	rmSync(work, { recursive: true, force: true })
}
