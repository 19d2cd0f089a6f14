-- CreateTable
CREATE TABLE "NormSetVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "token" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "NormSetVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "NormSetVersion" (id, version) VALUES (1, 0);

-- Bumped at the commit of any change to what loadNormSet reads (norm-sets.server.ts): the same
-- deferred constraint triggers as the register's version (migration register_version), with a
-- transaction-local flag of their own, so a transaction bumps once however many rows it touches.
-- The register's own triggers on these tables stay: the norm set also bumps the register.
CREATE FUNCTION bump_norm_set_version() RETURNS trigger AS $$
BEGIN
  IF current_setting('keurmerk.norm_set_bumped', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('keurmerk.norm_set_bumped', 'yes', true);
  INSERT INTO "NormSetVersion" (id, version) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET version = "NormSetVersion".version + 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER norm_set_content_version
  AFTER INSERT OR UPDATE OR DELETE ON "NormSet" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_norm_set_version();
CREATE CONSTRAINT TRIGGER theme_content_version
  AFTER INSERT OR UPDATE OR DELETE ON "Theme" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_norm_set_version();
CREATE CONSTRAINT TRIGGER norm_content_version
  AFTER INSERT OR UPDATE OR DELETE ON "Norm" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_norm_set_version();
CREATE CONSTRAINT TRIGGER criterion_content_version
  AFTER INSERT OR UPDATE OR DELETE ON "Criterion" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_norm_set_version();
CREATE CONSTRAINT TRIGGER evidence_item_content_version
  AFTER INSERT OR UPDATE OR DELETE ON "EvidenceItem" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_norm_set_version();
CREATE CONSTRAINT TRIGGER network_theme_content_version
  AFTER INSERT OR UPDATE OR DELETE ON "NetworkTheme" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_norm_set_version();
-- The mark's name is part of the loaded norm set (readNormSet reads markYear.markName).
CREATE CONSTRAINT TRIGGER mark_year_content_version
  AFTER INSERT OR UPDATE OR DELETE ON "MarkYear" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_norm_set_version();
