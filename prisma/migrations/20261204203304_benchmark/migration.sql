-- CreateEnum
CREATE TYPE "IndicatorUnit" AS ENUM ('count', 'minutes', 'weeks', 'percentage', 'score');

-- CreateEnum
CREATE TYPE "BetterDirection" AS ENUM ('higher', 'lower', 'neither');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('draft', 'submitted');

-- AlterEnum
ALTER TYPE "FileKind" ADD VALUE 'benchmark_report';

-- CreateTable
CREATE TABLE "IndicatorSet" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "status" "NormSetStatus" NOT NULL DEFAULT 'draft',
    "basedOnYear" INTEGER,
    "publishedAt" TIMESTAMPTZ(3),
    "deliveryOpensOn" DATE NOT NULL,
    "deliveryDueOn" DATE NOT NULL,
    "minGroupSize" INTEGER NOT NULL DEFAULT 5,
    "reminderDaysBefore" INTEGER[] DEFAULT ARRAY[14, 3]::INTEGER[],
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "IndicatorSet_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indicator" (
    "id" TEXT NOT NULL,
    "indicatorSetId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "labelNl" TEXT NOT NULL,
    "labelEn" TEXT NOT NULL,
    "helpNl" TEXT,
    "helpEn" TEXT,
    "unit" "IndicatorUnit" NOT NULL,
    "minValue" DOUBLE PRECISION NOT NULL,
    "maxValue" DOUBLE PRECISION NOT NULL,
    "decimals" INTEGER NOT NULL DEFAULT 0,
    "better" "BetterDirection" NOT NULL DEFAULT 'neither',
    "normCode" TEXT,
    "normNote" TEXT,

    CONSTRAINT "Indicator_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenchmarkDelivery" (
    "id" TEXT NOT NULL,
    "providerId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "indicatorSetId" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'draft',
    "providerType" "ProviderType",
    "province" TEXT,
    "submittedAt" TIMESTAMPTZ(3),
    "submittedById" TEXT,
    "reopenedAt" TIMESTAMPTZ(3),
    "reopenReason" TEXT,
    "source" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "BenchmarkDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "IndicatorValue" (
    "id" TEXT NOT NULL,
    "deliveryId" TEXT NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "value" DOUBLE PRECISION,
    "version" INTEGER NOT NULL DEFAULT 1,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedById" TEXT,
    "percentileAll" DOUBLE PRECISION,
    "percentileType" DOUBLE PRECISION,
    "percentileProvince" DOUBLE PRECISION,

    CONSTRAINT "IndicatorValue_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BenchmarkStatistic" (
    "id" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "indicatorId" TEXT NOT NULL,
    "groupKind" TEXT NOT NULL,
    "groupValue" TEXT NOT NULL,
    "n" INTEGER NOT NULL,
    "min" DOUBLE PRECISION NOT NULL,
    "p10" DOUBLE PRECISION NOT NULL,
    "p25" DOUBLE PRECISION NOT NULL,
    "p50" DOUBLE PRECISION NOT NULL,
    "p75" DOUBLE PRECISION NOT NULL,
    "p90" DOUBLE PRECISION NOT NULL,
    "max" DOUBLE PRECISION NOT NULL,
    "mean" DOUBLE PRECISION NOT NULL,
    "computedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "BenchmarkStatistic_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorSet_year_key" ON "IndicatorSet"("year");

-- CreateIndex
CREATE UNIQUE INDEX "Indicator_indicatorSetId_code_key" ON "Indicator"("indicatorSetId", "code");

-- CreateIndex
CREATE INDEX "BenchmarkDelivery_year_status_idx" ON "BenchmarkDelivery"("year", "status");

-- CreateIndex
CREATE UNIQUE INDEX "BenchmarkDelivery_providerId_year_key" ON "BenchmarkDelivery"("providerId", "year");

-- CreateIndex
CREATE INDEX "IndicatorValue_indicatorId_idx" ON "IndicatorValue"("indicatorId");

-- CreateIndex
CREATE UNIQUE INDEX "IndicatorValue_deliveryId_indicatorId_key" ON "IndicatorValue"("deliveryId", "indicatorId");

-- CreateIndex
CREATE INDEX "BenchmarkStatistic_year_idx" ON "BenchmarkStatistic"("year");

-- CreateIndex
CREATE UNIQUE INDEX "BenchmarkStatistic_year_indicatorId_groupKind_groupValue_key" ON "BenchmarkStatistic"("year", "indicatorId", "groupKind", "groupValue");

-- AddForeignKey
ALTER TABLE "IndicatorSet" ADD CONSTRAINT "IndicatorSet_year_fkey" FOREIGN KEY ("year") REFERENCES "MarkYear"("year") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indicator" ADD CONSTRAINT "Indicator_indicatorSetId_fkey" FOREIGN KEY ("indicatorSetId") REFERENCES "IndicatorSet"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenchmarkDelivery" ADD CONSTRAINT "BenchmarkDelivery_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenchmarkDelivery" ADD CONSTRAINT "BenchmarkDelivery_indicatorSetId_fkey" FOREIGN KEY ("indicatorSetId") REFERENCES "IndicatorSet"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenchmarkDelivery" ADD CONSTRAINT "BenchmarkDelivery_submittedById_fkey" FOREIGN KEY ("submittedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_deliveryId_fkey" FOREIGN KEY ("deliveryId") REFERENCES "BenchmarkDelivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "IndicatorValue" ADD CONSTRAINT "IndicatorValue_updatedById_fkey" FOREIGN KEY ("updatedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BenchmarkStatistic" ADD CONSTRAINT "BenchmarkStatistic_indicatorId_fkey" FOREIGN KEY ("indicatorId") REFERENCES "Indicator"("id") ON DELETE CASCADE ON UPDATE CASCADE;
