-- AlterTable
ALTER TABLE "MarkYear" ADD COLUMN     "fourEyesNegative" BOOLEAN NOT NULL DEFAULT false;
