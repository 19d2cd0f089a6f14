-- Typo tolerance in the public register's search (issue 13): pg_trgm's word_similarity() on the
-- folded "searchText" (app/services/register.server.ts). PostgreSQL has pg_trgm as a trusted
-- contrib extension; PGlite loads its bundle when the database is opened
-- (app/lib/db/pglite.server.ts), so the same statement works on both.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The search's `<%` (word similarity at pg_trgm's default threshold) and its LIKE '%…%' both use
-- this index instead of reading every provider.
CREATE INDEX "Provider_searchText_idx" ON "Provider" USING GIN ("searchText" gin_trgm_ops);
