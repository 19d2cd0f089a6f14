// npm run db:migration -- <name>
// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes the committed
// migrations to the current prisma/schema.prisma (docs/decisions/002-wasm-schema-engine.md).
import { createMigration } from '#app/lib/db/migrations.server.ts'

const name = process.argv.slice(2).join('_')
if (!name) {
	console.error('Gebruik: npm run db:migration -- <naam>, bijvoorbeeld: npm run db:migration -- add_invoices')
	process.exit(2)
}
const written = await createMigration(name)
if (written) {
	console.log(`Nieuwe migratie: ${written}/migration.sql`)
	console.log('Lees de SQL na en voer hem uit met: npm run db:migrate')
} else {
	console.log('Het schema en de migraties komen overeen: geen nieuwe migratie nodig.')
}
