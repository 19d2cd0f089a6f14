-- AlterTable
ALTER TABLE "Provider" ADD COLUMN     "calendarToken" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Provider_calendarToken_key" ON "Provider"("calendarToken");
