-- CreateEnum
CREATE TYPE "WithdrawalProposalStatus" AS ENUM ('pending', 'approved', 'rejected');

-- AlterTable
ALTER TABLE "MarkYear" ADD COLUMN     "fourEyesWithdrawal" BOOLEAN NOT NULL DEFAULT true;

-- CreateTable
CREATE TABLE "WithdrawalProposal" (
    "id" TEXT NOT NULL,
    "participationId" TEXT NOT NULL,
    "reason" "WithdrawalReason" NOT NULL,
    "effectiveOn" TEXT NOT NULL,
    "explanation" TEXT NOT NULL,
    "status" "WithdrawalProposalStatus" NOT NULL DEFAULT 'pending',
    "proposedById" TEXT NOT NULL,
    "proposedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMPTZ(3),
    "decisionNote" TEXT,
    "withdrawalId" TEXT,

    CONSTRAINT "WithdrawalProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "WithdrawalProposal_withdrawalId_key" ON "WithdrawalProposal"("withdrawalId");

-- CreateIndex
CREATE INDEX "WithdrawalProposal_status_idx" ON "WithdrawalProposal"("status");

-- CreateIndex
CREATE INDEX "WithdrawalProposal_participationId_idx" ON "WithdrawalProposal"("participationId");

-- AddForeignKey
ALTER TABLE "WithdrawalProposal" ADD CONSTRAINT "WithdrawalProposal_participationId_fkey" FOREIGN KEY ("participationId") REFERENCES "Participation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WithdrawalProposal" ADD CONSTRAINT "WithdrawalProposal_proposedById_fkey" FOREIGN KEY ("proposedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WithdrawalProposal" ADD CONSTRAINT "WithdrawalProposal_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
