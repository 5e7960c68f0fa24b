-- CreateEnum
CREATE TYPE "ConnectionApplication" AS ENUM ('client', 'pronote_net');

-- CreateTable
CREATE TABLE "School" (
    "uai" VARCHAR(8) NOT NULL,
    "accountId" UUID NOT NULL,
    "licences" INTEGER NOT NULL,
    "adminReserve" INTEGER NOT NULL DEFAULT 1,
    "seatsInUse" INTEGER NOT NULL DEFAULT 0,
    "adminSeatsInUse" INTEGER NOT NULL DEFAULT 0,
    "hostingNumber" VARCHAR(12),
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "School_pkey" PRIMARY KEY ("uai")
);

-- CreateTable
CREATE TABLE "LicenceSeat" (
    "uai" VARCHAR(8) NOT NULL,
    "holderId" TEXT NOT NULL,
    "administrator" BOOLEAN NOT NULL,
    "userName" TEXT NOT NULL,
    "acquiredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LicenceSeat_pkey" PRIMARY KEY ("uai","holderId")
);

-- CreateTable
CREATE TABLE "Connection" (
    "connectionId" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID NOT NULL,
    "application" "ConnectionApplication" NOT NULL,
    "mode" TEXT,
    "espace" TEXT,
    "editing" BOOLEAN NOT NULL,
    "userName" TEXT NOT NULL,
    "address" TEXT,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,
    "disconnectRequested" TIMESTAMPTZ(3),

    CONSTRAINT "Connection_pkey" PRIMARY KEY ("connectionId")
);

-- CreateTable
CREATE TABLE "LoginFailureSource" (
    "clientIp" TEXT NOT NULL,
    "hostingNumber" TEXT NOT NULL,
    "lastFailureAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "LoginFailureSource_pkey" PRIMARY KEY ("clientIp","hostingNumber")
);

-- CreateTable
CREATE TABLE "IpSuspension" (
    "clientIp" TEXT NOT NULL,
    "until" TIMESTAMPTZ(3) NOT NULL,
    "level" INTEGER NOT NULL,
    "failures" INTEGER NOT NULL,
    "suspendedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "IpSuspension_pkey" PRIMARY KEY ("clientIp")
);

-- CreateTable
CREATE TABLE "OutboxEvent" (
    "id" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "envelope" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "publishedAt" TIMESTAMPTZ(6),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "OutboxEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedMessage" (
    "consumer" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "processedAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProcessedMessage_pkey" PRIMARY KEY ("consumer","messageId")
);

-- CreateIndex
CREATE UNIQUE INDEX "School_accountId_key" ON "School"("accountId");

-- CreateIndex
CREATE UNIQUE INDEX "School_hostingNumber_key" ON "School"("hostingNumber");

-- CreateIndex
CREATE INDEX "Connection_uai_openedAt_idx" ON "Connection"("uai", "openedAt");

-- CreateIndex
CREATE INDEX "LoginFailureSource_hostingNumber_idx" ON "LoginFailureSource"("hostingNumber");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "OutboxEvent"("publishedAt", "createdAt");
