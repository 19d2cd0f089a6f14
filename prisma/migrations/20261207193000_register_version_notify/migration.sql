-- The register version heard instead of read (issue 17): every instance on one PostgreSQL keeps the
-- version it read until PostgreSQL tells it the row changed (LISTEN keurmerk_register_version,
-- app/lib/db/channel-watch.server.ts). A notification is delivered when the transaction that sent it
-- commits, and only then, so a listener never hears of a change it cannot yet read. One per
-- statement on the row, whoever wrote it: the bump at a commit (bump_register_version), a script, a
-- restore. PGlite has no other instance and no listener; the notification costs it nothing.
CREATE FUNCTION notify_register_version() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('keurmerk_register_version', '');
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER register_version_notify
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "RegisterVersion"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_register_version();
