-- CreateEnum
CREATE TYPE "MessageSide" AS ENUM ('staff', 'provider');

-- AlterEnum
ALTER TYPE "FileKind" ADD VALUE 'message_attachment';

-- AlterTable
ALTER TABLE "MarkYear" ADD COLUMN     "assessmentDays" INTEGER NOT NULL DEFAULT 21;

-- AlterTable
ALTER TABLE "Participation" ADD COLUMN     "assessorAssignedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "SelfEvaluationRound" ADD COLUMN     "assessmentDraft" JSONB,
ADD COLUMN     "assessmentDraftAt" TIMESTAMPTZ(3),
ADD COLUMN     "assessmentDraftById" TEXT,
ADD COLUMN     "assessmentMessage" TEXT,
ADD COLUMN     "assessmentNotes" TEXT,
ADD COLUMN     "assessmentVersion" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "ParticipationMessage" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "side" "MessageSide" NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ParticipationMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MessageAttachment" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,

    CONSTRAINT "MessageAttachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConversationRead" (
    "participationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConversationRead_pkey" PRIMARY KEY ("participationId","userId")
);

-- CreateIndex
CREATE INDEX "ParticipationMessage_participationId_createdAt_idx" ON "ParticipationMessage"("participationId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "MessageAttachment_fileId_key" ON "MessageAttachment"("fileId");

-- CreateIndex
CREATE INDEX "MessageAttachment_messageId_idx" ON "MessageAttachment"("messageId");

-- CreateIndex
CREATE INDEX "ConversationRead_userId_idx" ON "ConversationRead"("userId");

-- AddForeignKey
ALTER TABLE "SelfEvaluationRound" ADD CONSTRAINT "SelfEvaluationRound_assessmentDraftById_fkey" FOREIGN KEY ("assessmentDraftById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationMessage" ADD CONSTRAINT "ParticipationMessage_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationMessage" ADD CONSTRAINT "ParticipationMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageAttachment" ADD CONSTRAINT "MessageAttachment_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ParticipationMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MessageAttachment" ADD CONSTRAINT "MessageAttachment_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationRead" ADD CONSTRAINT "ConversationRead_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConversationRead" ADD CONSTRAINT "ConversationRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
