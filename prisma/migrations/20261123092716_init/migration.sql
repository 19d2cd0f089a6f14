-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ProviderType" AS ENUM ('independent_practice', 'institution');

-- CreateEnum
CREATE TYPE "StaffRole" AS ENUM ('assessor', 'admin');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('nl', 'en');

-- CreateEnum
CREATE TYPE "TokenPurpose" AS ENUM ('invitation', 'password_reset');

-- CreateEnum
CREATE TYPE "NormSetStatus" AS ENUM ('draft', 'published');

-- CreateEnum
CREATE TYPE "Applicability" AS ENUM ('all', 'chronic_echelon', 'independent_practice', 'institution');

-- CreateEnum
CREATE TYPE "NormTextStatus" AS ENUM ('final', 'reconstructed');

-- CreateEnum
CREATE TYPE "FrameSource" AS ENUM ('source', 'derived', 'reconstructed');

-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('explanation', 'template_upload', 'number', 'url', 'example', 'declaration');

-- CreateEnum
CREATE TYPE "ParticipationState" AS ENUM ('applied', 'agreement_offered', 'agreement_signed', 'listed', 'submitted', 'revision_requested', 'qualified', 'sampled', 'confirmed', 'withdrawn', 'agreement_declined');

-- CreateEnum
CREATE TYPE "WithdrawalReason" AS ENUM ('not_qualified_in_time', 'unpaid_fee', 'incorrect_qualification', 'provider_request');

-- CreateEnum
CREATE TYPE "AgreementStatus" AS ENUM ('offered', 'signed', 'declined', 'superseded');

-- CreateEnum
CREATE TYPE "RoundStatus" AS ENUM ('draft', 'submitted');

-- CreateEnum
CREATE TYPE "RoundOutcome" AS ENUM ('qualified', 'revision_requested', 'not_qualified');

-- CreateEnum
CREATE TYPE "CriterionVerdict" AS ENUM ('sufficient', 'insufficient');

-- CreateEnum
CREATE TYPE "PrefillStatus" AS ENUM ('none', 'copied', 'criterion_changed');

-- CreateEnum
CREATE TYPE "FileKind" AS ENUM ('template_upload', 'agreement', 'certificate', 'invoice', 'credit_note', 'withdrawal_letter');

-- CreateEnum
CREATE TYPE "SampleOutcome" AS ENUM ('confirmed', 'incorrect_qualification');

-- CreateEnum
CREATE TYPE "TurnoverSource" AS ENUM ('provider', 'staff_correction');

-- CreateEnum
CREATE TYPE "InvoiceStatus" AS ENUM ('open', 'paid', 'credited');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "JobRunStatus" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('staff', 'provider', 'system', 'public');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "staffRole" "StaffRole",
    "locale" "Locale" NOT NULL DEFAULT 'nl',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "lastLoginAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "userAgent" TEXT,
    "ip" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UserToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" "TokenPurpose" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "providerId" TEXT,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UserToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "resetAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "ProviderType" NOT NULL,
    "kvkNumber" TEXT NOT NULL,
    "agbCode" TEXT NOT NULL,
    "street" TEXT NOT NULL,
    "houseNumber" TEXT NOT NULL,
    "postcode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "province" TEXT,
    "website" TEXT,
    "email" TEXT NOT NULL,
    "phone" TEXT,
    "offersChronicEchelon" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "canSign" BOOLEAN NOT NULL DEFAULT false,
    "isPrimaryContact" BOOLEAN NOT NULL DEFAULT false,
    "jobTitle" TEXT,
    "invitedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MarkYear" (
    "year" INTEGER NOT NULL,
    "markName" TEXT NOT NULL,
    "normsPublishedOn" DATE NOT NULL,
    "agreementsOfferedOn" DATE NOT NULL,
    "feeRatePublishBy" DATE NOT NULL,
    "feeRatePublishedAt" TIMESTAMPTZ(3),
    "applicationOpensOn" DATE NOT NULL,
    "applicationClosesOn" DATE NOT NULL,
    "listingOn" DATE NOT NULL,
    "selfEvaluationOpensOn" DATE NOT NULL,
    "qualificationDeadline" DATE NOT NULL,
    "revisionResponseDays" INTEGER NOT NULL DEFAULT 14,
    "maxRevisions" INTEGER NOT NULL DEFAULT 1,
    "feeRateBp" INTEGER NOT NULL,
    "minimumFeeCents" INTEGER NOT NULL,
    "turnoverLabel" TEXT NOT NULL,
    "turnoverReportDueOn" DATE NOT NULL,
    "invoicePaymentDays" INTEGER NOT NULL DEFAULT 30,
    "invoiceOverdueGraceDays" INTEGER NOT NULL DEFAULT 30,
    "reminderDaysBefore" INTEGER[] DEFAULT ARRAY[30, 14, 7, 1]::INTEGER[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "MarkYear_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "NormSet" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "NormSetStatus" NOT NULL DEFAULT 'draft',
    "title" TEXT NOT NULL,
    "source" TEXT,
    "textStatus" "NormTextStatus" NOT NULL DEFAULT 'final',
    "notes" TEXT[],
    "basedOnYear" INTEGER,
    "publishedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "NormSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Theme" (
    "id" TEXT NOT NULL,
    "normSetId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "introduction" TEXT,

    CONSTRAINT "Theme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Norm" (
    "id" TEXT NOT NULL,
    "normSetId" TEXT NOT NULL,
    "themeId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "explanation" TEXT,
    "safeguards" TEXT[],
    "clientPromise" TEXT,
    "appliesTo" "Applicability" NOT NULL DEFAULT 'all',
    "notes" TEXT[],

    CONSTRAINT "Norm_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Criterion" (
    "id" TEXT NOT NULL,
    "normSetId" TEXT NOT NULL,
    "normId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "group" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "guidance" TEXT,
    "frameMet" TEXT NOT NULL,
    "frameNotMet" TEXT NOT NULL,
    "frameSource" "FrameSource" NOT NULL DEFAULT 'source',
    "appliesTo" "Applicability",

    CONSTRAINT "Criterion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceItem" (
    "id" TEXT NOT NULL,
    "normSetId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "label" TEXT NOT NULL,
    "help" TEXT,
    "required" BOOLEAN NOT NULL DEFAULT true,
    "config" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "EvidenceItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "state" "ParticipationState" NOT NULL,
    "stateBeforeWithdrawal" "ParticipationState",
    "isReapplicant" BOOLEAN NOT NULL DEFAULT false,
    "offersChronicEchelon" BOOLEAN NOT NULL DEFAULT false,
    "stateChangedAt" TIMESTAMPTZ(3) NOT NULL,
    "appliedAt" TIMESTAMPTZ(3) NOT NULL,
    "applicationData" JSONB,
    "assessorId" TEXT,
    "revisionsUsed" INTEGER NOT NULL DEFAULT 0,
    "revisionDueAt" TIMESTAMPTZ(3),
    "qualifiedAt" TIMESTAMPTZ(3),
    "listedFrom" TIMESTAMPTZ(3),
    "listedUntil" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ParticipationTransition" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "fromState" "ParticipationState",
    "toState" "ParticipationState" NOT NULL,
    "event" TEXT NOT NULL,
    "note" TEXT,
    "actorUserId" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ParticipationTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Agreement" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "status" "AgreementStatus" NOT NULL DEFAULT 'offered',
    "terms" JSONB NOT NULL,
    "offeredAt" TIMESTAMPTZ(3) NOT NULL,
    "remindedAt" TIMESTAMPTZ(3),
    "signedAt" TIMESTAMPTZ(3),
    "signedById" TEXT,
    "signerName" TEXT,
    "signerFunction" TEXT,
    "signerIp" TEXT,
    "signerUserAgent" TEXT,
    "consentText" TEXT,
    "signedFileId" TEXT,
    "declinedAt" TIMESTAMPTZ(3),
    "declineReason" TEXT,

    CONSTRAINT "Agreement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SelfEvaluationRound" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "status" "RoundStatus" NOT NULL DEFAULT 'draft',
    "copiedFromRoundId" TEXT,
    "prefilledFromYear" INTEGER,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" TEXT,
    "outcome" "RoundOutcome",
    "outcomeProposedById" TEXT,
    "outcomeProposedAt" TIMESTAMPTZ(3),
    "outcomeConfirmedById" TEXT,
    "outcomeConfirmedAt" TIMESTAMPTZ(3),
    "decidedAt" TIMESTAMPTZ(3),
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "SelfEvaluationRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Answer" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "evidenceItemId" TEXT NOT NULL,
    "text" TEXT,
    "number" DOUBLE PRECISION,
    "url" TEXT,
    "checkedElements" TEXT[],
    "declared" BOOLEAN,
    "prefill" "PrefillStatus" NOT NULL DEFAULT 'none',
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" TEXT,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AnswerDocument" (
    "id" TEXT NOT NULL,
    "answerId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "addedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnswerDocument_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CriterionAssessment" (
    "id" TEXT NOT NULL,
    "roundId" TEXT NOT NULL,
    "criterionId" TEXT NOT NULL,
    "verdict" "CriterionVerdict" NOT NULL,
    "feedback" TEXT NOT NULL,
    "assessorId" TEXT NOT NULL,
    "assessedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "CriterionAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StoredFile" (
    "id" TEXT NOT NULL,
    "kind" "FileKind" NOT NULL,
    "providerId" TEXT,
    "storageKey" TEXT NOT NULL,
    "originalName" TEXT NOT NULL,
    "mimeType" TEXT NOT NULL,
    "sizeBytes" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "uploadedById" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StoredFile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Sample" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "seed" TEXT NOT NULL,
    "percent" INTEGER,
    "count" INTEGER,
    "stratifyByType" BOOLEAN NOT NULL DEFAULT false,
    "record" JSONB NOT NULL,
    "drawnAt" TIMESTAMPTZ(3) NOT NULL,
    "drawnById" TEXT NOT NULL,

    CONSTRAINT "Sample_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SampleMember" (
    "id" TEXT NOT NULL,
    "sampleId" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,

    CONSTRAINT "SampleMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interview" (
    "id" TEXT NOT NULL,
    "sampleMemberId" TEXT NOT NULL,
    "scheduledAt" TIMESTAMPTZ(3),
    "mode" TEXT,
    "interviewerId" TEXT,
    "notes" TEXT,
    "outcome" "SampleOutcome",
    "outcomeAt" TIMESTAMPTZ(3),
    "recordedById" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "Interview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Withdrawal" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "reason" "WithdrawalReason" NOT NULL,
    "effectiveAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" TEXT,
    "explanation" TEXT NOT NULL,
    "letterFileId" TEXT,
    "undoneAt" TIMESTAMPTZ(3),
    "undoneById" TEXT,
    "undoReason" TEXT,

    CONSTRAINT "Withdrawal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Certificate" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "number" TEXT NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "validUntil" TIMESTAMPTZ(3) NOT NULL,
    "fileId" TEXT,

    CONSTRAINT "Certificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateVerification" (
    "id" TEXT NOT NULL,
    "certificateId" TEXT,
    "queriedNumber" TEXT NOT NULL,
    "result" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CertificateVerification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TurnoverReport" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "source" "TurnoverSource" NOT NULL,
    "reason" TEXT,
    "reportedAt" TIMESTAMPTZ(3) NOT NULL,
    "reportedById" TEXT NOT NULL,
    "supersededAt" TIMESTAMPTZ(3),

    CONSTRAINT "TurnoverReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "turnoverReportId" TEXT,
    "number" TEXT NOT NULL,
    "sequenceYear" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "turnoverCents" BIGINT NOT NULL,
    "feeRateBp" INTEGER NOT NULL,
    "minimumFeeCents" INTEGER NOT NULL,
    "amountCents" BIGINT NOT NULL,
    "status" "InvoiceStatus" NOT NULL DEFAULT 'open',
    "paidAt" TIMESTAMPTZ(3),
    "paidRecordedById" TEXT,
    "overdueNotifiedAt" TIMESTAMPTZ(3),
    "creditedAt" TIMESTAMPTZ(3),
    "creditReason" TEXT,
    "creditNoteNumber" TEXT,
    "creditNoteFileId" TEXT,
    "fileId" TEXT,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL,
    "template" TEXT NOT NULL,
    "dedupeKey" TEXT,
    "toAddress" TEXT NOT NULL,
    "toName" TEXT,
    "subject" TEXT NOT NULL,
    "html" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "attachments" JSONB NOT NULL DEFAULT '[]',
    "providerId" TEXT,
    "participationId" TEXT,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL,
    "lockedUntil" TIMESTAMPTZ(3),
    "lastError" TEXT,
    "sentAt" TIMESTAMPTZ(3),
    "messageId" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" TEXT NOT NULL,
    "job" TEXT NOT NULL,
    "runKey" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL,
    "finishedAt" TIMESTAMPTZ(3),
    "status" "JobRunStatus" NOT NULL,
    "summary" JSONB,
    "error" TEXT,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorUserId" TEXT,
    "action" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "providerId" TEXT,
    "participationId" TEXT,
    "before" JSONB,
    "after" JSONB,
    "reason" TEXT,
    "ip" TEXT,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "UserToken_tokenHash_key" ON "UserToken"("tokenHash");

-- CreateIndex
CREATE INDEX "UserToken_userId_purpose_idx" ON "UserToken"("userId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "Provider_slug_key" ON "Provider"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Provider_kvkNumber_key" ON "Provider"("kvkNumber");

-- CreateIndex
CREATE INDEX "Provider_city_idx" ON "Provider"("city");

-- CreateIndex
CREATE INDEX "Provider_name_idx" ON "Provider"("name");

-- CreateIndex
CREATE INDEX "Membership_providerId_idx" ON "Membership"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "Membership_userId_providerId_key" ON "Membership"("userId", "providerId");

-- CreateIndex
CREATE UNIQUE INDEX "NormSet_year_key" ON "NormSet"("year");

-- CreateIndex
CREATE UNIQUE INDEX "Theme_normSetId_key_key" ON "Theme"("normSetId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Norm_normSetId_key_key" ON "Norm"("normSetId", "key");

-- CreateIndex
CREATE INDEX "Criterion_normId_idx" ON "Criterion"("normId");

-- CreateIndex
CREATE UNIQUE INDEX "Criterion_normSetId_key_key" ON "Criterion"("normSetId", "key");

-- CreateIndex
CREATE INDEX "EvidenceItem_criterionId_idx" ON "EvidenceItem"("criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "EvidenceItem_normSetId_key_key" ON "EvidenceItem"("normSetId", "key");

-- CreateIndex
CREATE INDEX "Participation_year_state_idx" ON "Participation"("year", "state");

-- CreateIndex
CREATE INDEX "Participation_year_listedFrom_listedUntil_idx" ON "Participation"("year", "listedFrom", "listedUntil");

-- CreateIndex
CREATE UNIQUE INDEX "Participation_providerId_year_key" ON "Participation"("providerId", "year");

-- CreateIndex
CREATE INDEX "ParticipationTransition_participationId_at_idx" ON "ParticipationTransition"("participationId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Agreement_signedFileId_key" ON "Agreement"("signedFileId");

-- CreateIndex
CREATE INDEX "Agreement_participationId_idx" ON "Agreement"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "SelfEvaluationRound_participationId_number_key" ON "SelfEvaluationRound"("participationId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Answer_roundId_evidenceItemId_key" ON "Answer"("roundId", "evidenceItemId");

-- CreateIndex
CREATE UNIQUE INDEX "AnswerDocument_answerId_fileId_key" ON "AnswerDocument"("answerId", "fileId");

-- CreateIndex
CREATE UNIQUE INDEX "CriterionAssessment_roundId_criterionId_key" ON "CriterionAssessment"("roundId", "criterionId");

-- CreateIndex
CREATE UNIQUE INDEX "StoredFile_storageKey_key" ON "StoredFile"("storageKey");

-- CreateIndex
CREATE INDEX "StoredFile_providerId_idx" ON "StoredFile"("providerId");

-- CreateIndex
CREATE INDEX "Sample_year_idx" ON "Sample"("year");

-- CreateIndex
CREATE UNIQUE INDEX "SampleMember_participationId_key" ON "SampleMember"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "Interview_sampleMemberId_key" ON "Interview"("sampleMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "Withdrawal_letterFileId_key" ON "Withdrawal"("letterFileId");

-- CreateIndex
CREATE INDEX "Withdrawal_participationId_idx" ON "Withdrawal"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_participationId_key" ON "Certificate"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_number_key" ON "Certificate"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_fileId_key" ON "Certificate"("fileId");

-- CreateIndex
CREATE UNIQUE INDEX "Certificate_year_sequence_key" ON "Certificate"("year", "sequence");

-- CreateIndex
CREATE INDEX "CertificateVerification_certificateId_idx" ON "CertificateVerification"("certificateId");

-- CreateIndex
CREATE INDEX "CertificateVerification_at_idx" ON "CertificateVerification"("at");

-- CreateIndex
CREATE INDEX "TurnoverReport_participationId_idx" ON "TurnoverReport"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_number_key" ON "Invoice"("number");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_creditNoteNumber_key" ON "Invoice"("creditNoteNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_creditNoteFileId_key" ON "Invoice"("creditNoteFileId");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_fileId_key" ON "Invoice"("fileId");

-- CreateIndex
CREATE INDEX "Invoice_participationId_idx" ON "Invoice"("participationId");

-- CreateIndex
CREATE INDEX "Invoice_status_dueAt_idx" ON "Invoice"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_sequenceYear_sequence_key" ON "Invoice"("sequenceYear", "sequence");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxEmail_dedupeKey_key" ON "OutboxEmail"("dedupeKey");

-- CreateIndex
CREATE INDEX "OutboxEmail_status_nextAttemptAt_idx" ON "OutboxEmail"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxEmail_participationId_idx" ON "OutboxEmail"("participationId");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_runKey_key" ON "JobRun"("runKey");

-- CreateIndex
CREATE INDEX "JobRun_job_at_idx" ON "JobRun"("job", "at");

-- CreateIndex
CREATE INDEX "AuditEvent_entityType_entityId_idx" ON "AuditEvent"("entityType", "entityId");

-- CreateIndex
CREATE INDEX "AuditEvent_participationId_idx" ON "AuditEvent"("participationId");

-- CreateIndex
CREATE INDEX "AuditEvent_providerId_idx" ON "AuditEvent"("providerId");

-- CreateIndex
CREATE INDEX "AuditEvent_actorUserId_idx" ON "AuditEvent"("actorUserId");

-- CreateIndex
CREATE INDEX "AuditEvent_at_idx" ON "AuditEvent"("at");

-- CreateIndex
CREATE INDEX "AuditEvent_action_idx" ON "AuditEvent"("action");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UserToken" ADD CONSTRAINT "UserToken_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_invitedById_fkey" FOREIGN KEY ("invitedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NormSet" ADD CONSTRAINT "NormSet_year_fkey" FOREIGN KEY ("year") REFERENCES "MarkYear"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Theme" ADD CONSTRAINT "Theme_normSetId_fkey" FOREIGN KEY ("normSetId") REFERENCES "NormSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Norm" ADD CONSTRAINT "Norm_normSetId_fkey" FOREIGN KEY ("normSetId") REFERENCES "NormSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Norm" ADD CONSTRAINT "Norm_themeId_fkey" FOREIGN KEY ("themeId") REFERENCES "Theme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_normSetId_fkey" FOREIGN KEY ("normSetId") REFERENCES "NormSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Criterion" ADD CONSTRAINT "Criterion_normId_fkey" FOREIGN KEY ("normId") REFERENCES "Norm"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_normSetId_fkey" FOREIGN KEY ("normSetId") REFERENCES "NormSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceItem" ADD CONSTRAINT "EvidenceItem_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_year_fkey" FOREIGN KEY ("year") REFERENCES "MarkYear"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationTransition" ADD CONSTRAINT "ParticipationTransition_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ParticipationTransition" ADD CONSTRAINT "ParticipationTransition_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_signedById_fkey" FOREIGN KEY ("signedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Agreement" ADD CONSTRAINT "Agreement_signedFileId_fkey" FOREIGN KEY ("signedFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfEvaluationRound" ADD CONSTRAINT "SelfEvaluationRound_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfEvaluationRound" ADD CONSTRAINT "SelfEvaluationRound_copiedFromRoundId_fkey" FOREIGN KEY ("copiedFromRoundId") REFERENCES "SelfEvaluationRound"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfEvaluationRound" ADD CONSTRAINT "SelfEvaluationRound_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfEvaluationRound" ADD CONSTRAINT "SelfEvaluationRound_outcomeProposedById_fkey" FOREIGN KEY ("outcomeProposedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SelfEvaluationRound" ADD CONSTRAINT "SelfEvaluationRound_outcomeConfirmedById_fkey" FOREIGN KEY ("outcomeConfirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SelfEvaluationRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_evidenceItemId_fkey" FOREIGN KEY ("evidenceItemId") REFERENCES "EvidenceItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerDocument" ADD CONSTRAINT "AnswerDocument_answerId_fkey" FOREIGN KEY ("answerId") REFERENCES "Answer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnswerDocument" ADD CONSTRAINT "AnswerDocument_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionAssessment" ADD CONSTRAINT "CriterionAssessment_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "SelfEvaluationRound"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionAssessment" ADD CONSTRAINT "CriterionAssessment_criterionId_fkey" FOREIGN KEY ("criterionId") REFERENCES "Criterion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CriterionAssessment" ADD CONSTRAINT "CriterionAssessment_assessorId_fkey" FOREIGN KEY ("assessorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StoredFile" ADD CONSTRAINT "StoredFile_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_year_fkey" FOREIGN KEY ("year") REFERENCES "MarkYear"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Sample" ADD CONSTRAINT "Sample_drawnById_fkey" FOREIGN KEY ("drawnById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleMember" ADD CONSTRAINT "SampleMember_sampleId_fkey" FOREIGN KEY ("sampleId") REFERENCES "Sample"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SampleMember" ADD CONSTRAINT "SampleMember_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_sampleMemberId_fkey" FOREIGN KEY ("sampleMemberId") REFERENCES "SampleMember"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_interviewerId_fkey" FOREIGN KEY ("interviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Withdrawal" ADD CONSTRAINT "Withdrawal_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Withdrawal" ADD CONSTRAINT "Withdrawal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Withdrawal" ADD CONSTRAINT "Withdrawal_undoneById_fkey" FOREIGN KEY ("undoneById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Withdrawal" ADD CONSTRAINT "Withdrawal_letterFileId_fkey" FOREIGN KEY ("letterFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Certificate" ADD CONSTRAINT "Certificate_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CertificateVerification" ADD CONSTRAINT "CertificateVerification_certificateId_fkey" FOREIGN KEY ("certificateId") REFERENCES "Certificate"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TurnoverReport" ADD CONSTRAINT "TurnoverReport_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TurnoverReport" ADD CONSTRAINT "TurnoverReport_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_turnoverReportId_fkey" FOREIGN KEY ("turnoverReportId") REFERENCES "TurnoverReport"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_paidRecordedById_fkey" FOREIGN KEY ("paidRecordedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Invoice" ADD CONSTRAINT "Invoice_creditNoteFileId_fkey" FOREIGN KEY ("creditNoteFileId") REFERENCES "StoredFile"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OutboxEmail" ADD CONSTRAINT "OutboxEmail_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_actorUserId_fkey" FOREIGN KEY ("actorUserId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only audit trail (DOMAIN.md §2): the database itself refuses to change history.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_event_append_only"();
