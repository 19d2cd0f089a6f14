// Stored files as staff open them (uploads, agreements, certificates, invoices, letters): any file,
// for staff only (the route checks the role). Providers reach their own files through their pages.
import { db } from '#app/lib/db.server.ts'

export function findStoredFile(fileId: string) {
	return db.storedFile.findUnique({ where: { id: fileId } })
}
