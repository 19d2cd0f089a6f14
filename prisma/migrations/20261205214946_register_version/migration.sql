-- CreateTable
CREATE TABLE "RegisterVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "token" TEXT NOT NULL DEFAULT (gen_random_uuid())::text,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RegisterVersion_pkey" PRIMARY KEY ("id")
);

INSERT INTO "RegisterVersion" (id, version) VALUES (1, 0);

-- The register's version (issue 17): bumped whenever a row the public register, a carrier page or
-- the open data reads changes, by whichever writer (transitions, the 1 April run, staff edits,
-- seeds). Deferred constraint triggers run at COMMIT, so the version row is locked only for the
-- commit itself (no deadlock with the transaction's other locks) and becomes visible together with
-- the change. A transaction bumps once, however many rows it touches (a transaction-local flag).
CREATE FUNCTION bump_register_version() RETURNS trigger AS $$
BEGIN
  IF current_setting('keurmerk.register_bumped', true) = 'yes' THEN
    RETURN NULL;
  END IF;
  PERFORM set_config('keurmerk.register_bumped', 'yes', true);
  INSERT INTO "RegisterVersion" (id, version) VALUES (1, 1)
    ON CONFLICT (id) DO UPDATE SET version = "RegisterVersion".version + 1;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;

-- Participation: the register window, the state the status is derived from, the year and owner.
CREATE CONSTRAINT TRIGGER participation_register_version_insert_delete
  AFTER INSERT OR DELETE ON "Participation" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER participation_register_version_update
  AFTER UPDATE ON "Participation" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (
    (OLD.state, OLD."stateBeforeWithdrawal", OLD.year, OLD."providerId", OLD."qualifiedAt", OLD."listedFrom",
     OLD."listedUntil", OLD."isReapplicant", OLD."stateChangedAt", OLD.version)
    IS DISTINCT FROM
    (NEW.state, NEW."stateBeforeWithdrawal", NEW.year, NEW."providerId", NEW."qualifiedAt", NEW."listedFrom",
     NEW."listedUntil", NEW."isReapplicant", NEW."stateChangedAt", NEW.version))
  EXECUTE FUNCTION bump_register_version();

-- Provider: what the register shows of it (a new provider is in no register until it is listed).
CREATE CONSTRAINT TRIGGER provider_register_version_delete
  AFTER DELETE ON "Provider" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER provider_register_version_update
  AFTER UPDATE ON "Provider" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (
    (OLD.slug, OLD.name, OLD.type, OLD.city, OLD.postcode, OLD.province, OLD.website)
    IS DISTINCT FROM (NEW.slug, NEW.name, NEW.type, NEW.city, NEW.postcode, NEW.province, NEW.website))
  EXECUTE FUNCTION bump_register_version();

-- Rounds (the status is derived from submitted rounds and their outcomes; not from answers).
CREATE CONSTRAINT TRIGGER round_register_version_insert_delete
  AFTER INSERT OR DELETE ON "SelfEvaluationRound" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER round_register_version_update
  AFTER UPDATE ON "SelfEvaluationRound" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW WHEN (
    (OLD.status, OLD.outcome, OLD.number, OLD."participationId")
    IS DISTINCT FROM (NEW.status, NEW.outcome, NEW.number, NEW."participationId"))
  EXECUTE FUNCTION bump_register_version();

-- Certificates, withdrawals and the year's settings (mark name, dates): every change.
CREATE CONSTRAINT TRIGGER certificate_register_version
  AFTER INSERT OR UPDATE OR DELETE ON "Certificate" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER withdrawal_register_version
  AFTER INSERT OR UPDATE OR DELETE ON "Withdrawal" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
CREATE CONSTRAINT TRIGGER mark_year_register_version
  AFTER INSERT OR UPDATE OR DELETE ON "MarkYear" DEFERRABLE INITIALLY DEFERRED
  FOR EACH ROW EXECUTE FUNCTION bump_register_version();
