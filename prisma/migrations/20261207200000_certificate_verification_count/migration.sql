-- Certificate lookups counted per number, answer and second (issue 17): a QR code scanned thousands
-- of times a second was as many rows a second, the database's inserts competing with the server for
-- the machine. Each existing row is one lookup.
ALTER TABLE "CertificateVerification" ADD COLUMN "count" INTEGER NOT NULL DEFAULT 1;
