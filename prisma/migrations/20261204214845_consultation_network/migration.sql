-- CreateEnum
CREATE TYPE "AccountKind" AS ENUM ('person', 'organisation');

-- CreateEnum
CREATE TYPE "OrganisationType" AS ENUM ('insurer', 'branch_body', 'client_body', 'other');

-- CreateEnum
CREATE TYPE "ReactorType" AS ENUM ('carrier', 'organisation', 'public');

-- CreateEnum
CREATE TYPE "ResponseStatus" AS ENUM ('draft', 'submitted');

-- CreateEnum
CREATE TYPE "PointDecision" AS ENUM ('kept', 'changed', 'dropped');

-- CreateEnum
CREATE TYPE "NetworkRequestStatus" AS ENUM ('pending', 'accepted', 'declined', 'cancelled');

-- CreateEnum
CREATE TYPE "NetworkDirection" AS ENUM ('learn', 'teach');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "FileKind" ADD VALUE 'consultation_attachment';
ALTER TYPE "FileKind" ADD VALUE 'changes_document';

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "kind" "AccountKind" NOT NULL DEFAULT 'person',
ADD COLUMN     "organisationName" TEXT,
ADD COLUMN     "organisationType" "OrganisationType";

-- CreateTable
CREATE TABLE "Consultation" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "opensOn" DATE NOT NULL,
    "closesOn" DATE NOT NULL,
    "introduction" TEXT NOT NULL,
    "openToCarriers" BOOLEAN NOT NULL DEFAULT true,
    "openToOrganisations" BOOLEAN NOT NULL DEFAULT true,
    "openToPublic" BOOLEAN NOT NULL DEFAULT false,
    "organisationsInvited" INTEGER,
    "processText" TEXT,
    "meetings" JSONB NOT NULL DEFAULT '[]',
    "summary" TEXT,
    "invitationsSentAt" TIMESTAMPTZ(3),
    "adoptedAt" TIMESTAMPTZ(3),
    "document" JSONB,
    "documentFileId" TEXT,
    "createdById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Consultation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationResponse" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "partyKey" TEXT NOT NULL,
    "reactorType" "ReactorType" NOT NULL,
    "providerId" TEXT,
    "authorId" TEXT NOT NULL,
    "organisationName" TEXT NOT NULL,
    "status" "ResponseStatus" NOT NULL DEFAULT 'draft',
    "quoteConsent" BOOLEAN NOT NULL DEFAULT false,
    "submittedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ConsultationResponse_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationReaction" (
    "id" TEXT NOT NULL,
    "responseId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "normKey" TEXT,
    "criterionKey" TEXT,
    "text" TEXT NOT NULL DEFAULT '',
    "completeness" INTEGER,
    "clarity" INTEGER,
    "workability" INTEGER,
    "ambition" INTEGER,
    "attachmentFileId" TEXT,
    "quoted" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsultationReaction_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConsultationPoint" (
    "id" TEXT NOT NULL,
    "consultationId" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "normKey" TEXT,
    "criterionKey" TEXT,
    "consideration" TEXT NOT NULL,
    "decision" "PointDecision" NOT NULL,
    "changedText" TEXT,
    "decidedById" TEXT NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "ConsultationPoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkTheme" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "NetworkTheme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkProfile" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "contactUserId" TEXT NOT NULL,
    "shareLearn" BOOLEAN NOT NULL DEFAULT true,
    "shareTeach" BOOLEAN NOT NULL DEFAULT true,
    "shareNotes" BOOLEAN NOT NULL DEFAULT false,
    "shareCity" BOOLEAN NOT NULL DEFAULT true,
    "optedInAt" TIMESTAMPTZ(3) NOT NULL,
    "optedInById" TEXT NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "NetworkProfile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NetworkRequest" (
    "id" TEXT NOT NULL,
    "fromProviderId" TEXT NOT NULL,
    "toProviderId" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "direction" "NetworkDirection" NOT NULL,
    "message" TEXT NOT NULL,
    "status" "NetworkRequestStatus" NOT NULL DEFAULT 'pending',
    "authorId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "answeredAt" TIMESTAMPTZ(3),
    "answerMessage" TEXT,

    CONSTRAINT "NetworkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_year_key" ON "Consultation"("year");

-- CreateIndex
CREATE UNIQUE INDEX "Consultation_documentFileId_key" ON "Consultation"("documentFileId");

-- CreateIndex
CREATE INDEX "ConsultationResponse_consultationId_status_idx" ON "ConsultationResponse"("consultationId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationResponse_consultationId_partyKey_key" ON "ConsultationResponse"("consultationId", "partyKey");

-- CreateIndex
CREATE INDEX "ConsultationReaction_normKey_idx" ON "ConsultationReaction"("normKey");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationReaction_responseId_target_key" ON "ConsultationReaction"("responseId", "target");

-- CreateIndex
CREATE UNIQUE INDEX "ConsultationPoint_consultationId_target_key" ON "ConsultationPoint"("consultationId", "target");

-- CreateIndex
CREATE INDEX "NetworkTheme_year_position_idx" ON "NetworkTheme"("year", "position");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkTheme_year_label_key" ON "NetworkTheme"("year", "label");

-- CreateIndex
CREATE UNIQUE INDEX "NetworkProfile_providerId_key" ON "NetworkProfile"("providerId");

-- CreateIndex
CREATE INDEX "NetworkRequest_toProviderId_status_idx" ON "NetworkRequest"("toProviderId", "status");

-- CreateIndex
CREATE INDEX "NetworkRequest_fromProviderId_status_idx" ON "NetworkRequest"("fromProviderId", "status");

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_year_fkey" FOREIGN KEY ("year") REFERENCES "MarkYear"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consultation" ADD CONSTRAINT "Consultation_documentFileId_fkey" FOREIGN KEY ("documentFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationResponse" ADD CONSTRAINT "ConsultationResponse_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationReaction" ADD CONSTRAINT "ConsultationReaction_responseId_fkey" FOREIGN KEY ("responseId") REFERENCES "ConsultationResponse"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationReaction" ADD CONSTRAINT "ConsultationReaction_attachmentFileId_fkey" FOREIGN KEY ("attachmentFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationPoint" ADD CONSTRAINT "ConsultationPoint_consultationId_fkey" FOREIGN KEY ("consultationId") REFERENCES "Consultation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ConsultationPoint" ADD CONSTRAINT "ConsultationPoint_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkTheme" ADD CONSTRAINT "NetworkTheme_year_fkey" FOREIGN KEY ("year") REFERENCES "MarkYear"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkProfile" ADD CONSTRAINT "NetworkProfile_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkProfile" ADD CONSTRAINT "NetworkProfile_contactUserId_fkey" FOREIGN KEY ("contactUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkRequest" ADD CONSTRAINT "NetworkRequest_fromProviderId_fkey" FOREIGN KEY ("fromProviderId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkRequest" ADD CONSTRAINT "NetworkRequest_toProviderId_fkey" FOREIGN KEY ("toProviderId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NetworkRequest" ADD CONSTRAINT "NetworkRequest_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
