-- The norm set of a year is read by every autosave (which questions exist, their kinds and limits).
-- The server keeps the parsed norm set in memory, keyed by the same version as the register's
-- caches (issue 17): every change to a norm set, its themes, norms, criteria, evidence items or the
-- year's kennisnetwerk themes bumps it at commit (bump_register_version, migration register_version).
CREATE CONSTRAINT TRIGGER norm_set_version
  AFTER INSERT OR UPDATE OR DELETE ON "NormSet" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER theme_version
  AFTER INSERT OR UPDATE OR DELETE ON "Theme" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER norm_version
  AFTER INSERT OR UPDATE OR DELETE ON "Norm" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER criterion_version
  AFTER INSERT OR UPDATE OR DELETE ON "Criterion" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER evidence_item_version
  AFTER INSERT OR UPDATE OR DELETE ON "EvidenceItem" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER network_theme_version
  AFTER INSERT OR UPDATE OR DELETE ON "NetworkTheme" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
