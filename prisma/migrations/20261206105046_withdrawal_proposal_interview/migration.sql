-- AlterTable
ALTER TABLE "WithdrawalProposal" ADD COLUMN     "interviewId" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "WithdrawalProposal_interviewId_key" ON "WithdrawalProposal"("interviewId");

-- AddForeignKey
ALTER TABLE "WithdrawalProposal" ADD CONSTRAINT "WithdrawalProposal_interviewId_fkey" FOREIGN KEY ("interviewId") REFERENCES "Interview"("id") ON DELETE SET NULL ON UPDATE CASCADE;
