-- AlterTable
ALTER TABLE "NormSet" ADD COLUMN     "changes" JSONB;
