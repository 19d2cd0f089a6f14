-- CreateTable
CREATE TABLE "ApplicationWindowSubscription" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "year" INTEGER,
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ApplicationWindowSubscription_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationWindowSubscription_email_key" ON "ApplicationWindowSubscription"("email");

-- CreateIndex
CREATE UNIQUE INDEX "ApplicationWindowSubscription_tokenHash_key" ON "ApplicationWindowSubscription"("tokenHash");
