-- When each chunk was written, for the orphan sweep's grace period (app/lib/orphan-files.server.ts).
-- CURRENT_TIMESTAMP is stable, so PostgreSQL stores the default once instead of rewriting the
-- table: the chunks already there count as written now.
-- AlterTable
ALTER TABLE "StoredFileChunk" ADD COLUMN     "storedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;
