-- CreateEnum
CREATE TYPE "FollowUpStatus" AS ENUM ('open', 'delivered', 'accepted', 'rejected');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "AgreementStatus" ADD VALUE 'dissolved';
ALTER TYPE "AgreementStatus" ADD VALUE 'lapsed';

-- AlterTable
ALTER TABLE "Agreement" ADD COLUMN     "dissolvedAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "Criterion" ADD COLUMN     "followUp" JSONB;

-- AlterTable
ALTER TABLE "Invoice" ADD COLUMN     "vatCents" BIGINT NOT NULL DEFAULT 0,
ADD COLUMN     "vatNumber" TEXT,
ADD COLUMN     "vatRateBp" INTEGER;

-- AlterTable
-- revisionResponseDays becomes revisionGraceDays: the same rule (due at the later of the deadline
-- and N days after the request), renamed after DOMAIN.md §3; existing years keep their value, new
-- years default to 0 (003 §3.2: the revision is submitted within the qualification period).
ALTER TABLE "MarkYear" RENAME COLUMN "revisionResponseDays" TO "revisionGraceDays";
ALTER TABLE "MarkYear" ALTER COLUMN "revisionGraceDays" SET DEFAULT 0;
ALTER TABLE "MarkYear" ADD COLUMN     "feeVatRateBp" INTEGER,
ADD COLUMN     "firstSubmissionDeadline" DATE,
ADD COLUMN     "objectionPeriodDays" INTEGER NOT NULL DEFAULT 42,
ADD COLUMN     "vatExemptionText" TEXT NOT NULL DEFAULT 'Over de afdracht wordt geen btw in rekening gebracht (vrijgesteld).',
ADD COLUMN     "vatNumber" TEXT NOT NULL DEFAULT 'NL850123456B01';

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "criterionKey" TEXT NOT NULL,
    "criterionCode" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "deliver" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "FollowUpStatus" NOT NULL DEFAULT 'open',
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "deliveredAt" TIMESTAMPTZ(3),
    "deliveredById" TEXT,
    "deliveryNumber" DOUBLE PRECISION,
    "deliveryText" TEXT,
    "reviewedAt" TIMESTAMPTZ(3),
    "reviewedById" TEXT,
    "reviewNote" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUp_status_dueAt_idx" ON "FollowUp"("status", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_participationId_criterionKey_key" ON "FollowUp"("participationId", "criterionKey");

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_deliveredById_fkey" FOREIGN KEY ("deliveredById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_reviewedById_fkey" FOREIGN KEY ("reviewedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
