-- CreateEnum
CREATE TYPE "RestorePointKind" AS ENUM ('backup', 'archive', 'safety');

-- CreateEnum
CREATE TYPE "RestorePointStatus" AS ENUM ('pending', 'complete', 'failed', 'corrupt', 'pruning');

-- CreateTable
CREATE TABLE "ScheduledBase" (
    "baseId" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "name" TEXT NOT NULL,
    "schoolYear" TEXT NOT NULL,
    "inService" BOOLEAN NOT NULL,
    "monitoredSince" TIMESTAMPTZ(3) NOT NULL,
    "lastBackupAt" TIMESTAMPTZ(3),
    "lastArchiveAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ScheduledBase_pkey" PRIMARY KEY ("baseId")
);

-- CreateTable
CREATE TABLE "RestorePoint" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID NOT NULL,
    "kind" "RestorePointKind" NOT NULL,
    "slot" TIMESTAMPTZ(3) NOT NULL,
    "status" "RestorePointStatus" NOT NULL,
    "fileName" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "sizeBytes" BIGINT,
    "sha256" CHAR(64),
    "statistics" JSONB,
    "baseCreatedAt" TIMESTAMPTZ(3),
    "lastEntryAt" TIMESTAMPTZ(3),
    "rotationIndex" INTEGER,
    "annexes" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "completedAt" TIMESTAMPTZ(3),
    "verifiedAt" TIMESTAMPTZ(3),
    "lastDrillAt" TIMESTAMPTZ(3),
    "lastDrillResult" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RestorePoint_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BackupAlert" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID NOT NULL,
    "code" TEXT NOT NULL,
    "since" TIMESTAMPTZ(3) NOT NULL,
    "details" JSONB NOT NULL,
    "clearedAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BackupAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionOverride" (
    "uai" VARCHAR(8) NOT NULL,
    "policy" JSONB NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RetentionOverride_pkey" PRIMARY KEY ("uai")
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
CREATE INDEX "ScheduledBase_uai_idx" ON "ScheduledBase"("uai");

-- CreateIndex
CREATE INDEX "ScheduledBase_inService_idx" ON "ScheduledBase"("inService");

-- CreateIndex
CREATE INDEX "RestorePoint_uai_status_idx" ON "RestorePoint"("uai", "status");

-- CreateIndex
CREATE INDEX "RestorePoint_status_idx" ON "RestorePoint"("status");

-- CreateIndex
CREATE UNIQUE INDEX "RestorePoint_baseId_slot_kind_key" ON "RestorePoint"("baseId", "slot", "kind");

-- CreateIndex
CREATE INDEX "BackupAlert_uai_clearedAt_idx" ON "BackupAlert"("uai", "clearedAt");

-- CreateIndex
CREATE INDEX "BackupAlert_baseId_code_clearedAt_idx" ON "BackupAlert"("baseId", "code", "clearedAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "OutboxEvent"("publishedAt", "createdAt");
