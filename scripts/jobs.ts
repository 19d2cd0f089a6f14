// npm run jobs -- <job> [--at <ISO time>]
//
// Runs a scheduled job by hand, e.g. the 1 April run at the moment it is meant for:
//   npm run jobs -- qualification-deadline --at 2027-04-01T00:05:00+02:00
//   npm run jobs -- all --at 2027-01-01T00:05:00+01:00     every job, in scheduler order
//   npm run jobs -- mail                                     send the outbox once (needs SMTP_URL)
//   npm run jobs -- list                                     what there is
//   npm run jobs -- orphan-files                             which stored files no row refers to, and
//                                                            which replaced draft documents would go
//                                                            (a dry run: removes nothing; the
//                                                            purge-sessions job removes them)
// `--at` sets the portal's clock (setClock) for this run. Jobs are idempotent: running one twice
// changes nothing the second time. With the embedded database, stop the portal first (it holds the
// database; see docs/decisions/001-pglite-embedded-postgres.md) or use DATABASE_URL.
import { parseArgs } from 'node:util'
import { jobList } from '#app/jobs/index.server.ts'
import { runAllJobs, runJob, type RunOutcome } from '#app/jobs/runner.server.ts'
import { isJobName } from '#app/jobs/types.ts'
import { setClock, now } from '#app/lib/clock.server.ts'
import { closeDatabase, initDatabase } from '#app/lib/db.server.ts'
import { sweepOrphanFiles } from '#app/lib/orphan-files.server.ts'
import { sweepReplacedFiles } from '#app/lib/replaced-files.server.ts'
import { initEnv } from '#app/lib/env.server.ts'
import { translate } from '#app/i18n/translate.ts'
import { createMailTransport, drainOutbox } from '#app/services/mail/worker.server.ts'

const { values, positionals } = parseArgs({
	allowPositionals: true,
	options: { at: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
})
const command = positionals[0]

if (!command || values.help || command === 'list') {
	console.log('Gebruik: npm run jobs -- <taak|all|mail|orphan-files|list> [--at <ISO-tijdstip>]\n')
	for (const job of jobList) console.log(`  ${job.name.padEnd(26)} ${translate('nl', job.title)}`)
	console.log(`  ${'all'.padEnd(26)} alle taken hierboven, in deze volgorde`)
	console.log(`  ${'mail'.padEnd(26)} de outbox één keer verzenden (SMTP_URL nodig)`)
	console.log(
		`  ${'orphan-files'.padEnd(26)} opgeslagen bestanden zonder rij en vervangen conceptdocumenten tonen (verwijdert niets)`,
	)
	process.exit(command || values.help ? 0 : 1)
}
if (command !== 'all' && command !== 'mail' && command !== 'orphan-files' && !isJobName(command)) {
	console.error(`Onbekende taak: ${command}. Zie: npm run jobs -- list`)
	process.exit(1)
}

const env = initEnv()
if (values.at) {
	const at = new Date(values.at)
	if (Number.isNaN(at.getTime())) {
		console.error(`--at: geen geldig tijdstip: ${values.at} (bijvoorbeeld 2027-04-01T00:05:00+02:00)`)
		process.exit(1)
	}
	setClock(at)
}

await initDatabase({ databaseUrl: env.DATABASE_URL, pgliteDataDir: env.PGLITE_DATA_DIR })
let exitCode = 0
try {
	if (command === 'mail') {
		if (!env.SMTP_URL) throw new Error('SMTP_URL is niet ingesteld: berichten blijven in de outbox.')
		console.log(JSON.stringify(await drainOutbox(createMailTransport(env.SMTP_URL)), null, 2))
	} else if (command === 'orphan-files') {
		// What the maintenance job would remove now, in the store FILE_STORAGE names.
		const sweep = await sweepOrphanFiles({ dryRun: true })
		const replaced = await sweepReplacedFiles({ at: now(), dryRun: true })
		console.log(JSON.stringify({ store: env.FILE_STORAGE, ...sweep, replaced }, null, 2))
		if (sweep.errors.length > 0 || replaced.errors.length > 0) exitCode = 1
	} else {
		const outcomes: Partial<Record<string, RunOutcome>> =
			command === 'all' ? await runAllJobs({ at: now() }) : { [command]: await runJob(command, { at: now() }) }
		for (const [name, outcome] of Object.entries(outcomes)) {
			if (!outcome) continue
			const summary = outcome.ran ? outcome.summary : { overgeslagen: outcome.reason }
			console.log(`${name} (${now().toISOString()}): ${outcome.run.status}`, JSON.stringify(summary))
			if (outcome.run.status === 'failed') exitCode = 1
		}
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error))
	exitCode = 1
} finally {
	await closeDatabase()
}
process.exit(exitCode)
