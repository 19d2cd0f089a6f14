-- CreateTable
CREATE TABLE "StoredFileChunk" (
    "storageKey" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "StoredFileChunk_pkey" PRIMARY KEY ("storageKey","seq")
);
