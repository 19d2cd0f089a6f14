-- AlterTable
ALTER TABLE "OutboxEmail" ADD COLUMN     "sealedContent" TEXT;

-- Account mails queued before this migration hold a live personal link in readable form: redact it
-- (issue 15, finding 1). Such a message that was not sent yet is given up (a redacted link is of no
-- use to the recipient, who asks for a new one); the token itself expires on its own.
UPDATE "OutboxEmail"
SET "html" = regexp_replace("html", 'https?://[^"<>\s]*/(wachtwoord-herstellen|uitnodiging)/[A-Za-z0-9_-]+', '[persoonlijke link]', 'g'),
    "text" = regexp_replace("text", 'https?://[^"<>\s]*/(wachtwoord-herstellen|uitnodiging)/[A-Za-z0-9_-]+', '[persoonlijke link]', 'g'),
    "status" = CASE WHEN "status" IN ('pending', 'sending') THEN 'failed'::"OutboxStatus" ELSE "status" END,
    "lastError" = CASE WHEN "status" IN ('pending', 'sending') THEN 'Persoonlijke link verwijderd bij een beveiligingsupdate; vraag een nieuwe link aan.' ELSE "lastError" END
WHERE "template" IN ('password_reset', 'invitation');
