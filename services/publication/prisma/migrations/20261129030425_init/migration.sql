-- CreateEnum
CREATE TYPE "EspaceDelegation" AS ENUM ('cas', 'ws_federation', 'educonnect', 'none');

-- CreateEnum
CREATE TYPE "DelegationKind" AS ENUM ('cas_protocol', 'educonnect_protocol', 'ws_federation_protocol', 'cas', 'ws_federation');

-- CreateEnum
CREATE TYPE "CasValidationProtocol" AS ENUM ('cas2', 'cas3', 'saml11');

-- CreateTable
CREATE TABLE "SchoolPublication" (
    "uai" VARCHAR(8) NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "baseInService" BOOLEAN NOT NULL DEFAULT false,
    "baseId" UUID,
    "baseName" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SchoolPublication_pkey" PRIMARY KEY ("uai")
);

-- CreateTable
CREATE TABLE "EspaceSetting" (
    "uai" VARCHAR(8) NOT NULL,
    "espace" TEXT NOT NULL,
    "published" BOOLEAN NOT NULL,
    "delegation" "EspaceDelegation" NOT NULL DEFAULT 'none',
    "casDelegationId" UUID,

    CONSTRAINT "EspaceSetting_pkey" PRIMARY KEY ("uai","espace")
);

-- CreateTable
CREATE TABLE "Delegation" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "kind" "DelegationKind" NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT false,
    "presetId" TEXT,
    "loginUrl" TEXT,
    "validationUrl" TEXT,
    "validationProtocol" "CasValidationProtocol",
    "allowDirectLogin" BOOLEAN NOT NULL DEFAULT false,
    "metadataUrl" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Delegation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsedCasTicket" (
    "ticketHash" CHAR(64) NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "usedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UsedCasTicket_pkey" PRIMARY KEY ("ticketHash")
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
CREATE UNIQUE INDEX "Delegation_uai_name_key" ON "Delegation"("uai", "name");

-- CreateIndex
CREATE INDEX "UsedCasTicket_usedAt_idx" ON "UsedCasTicket"("usedAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "OutboxEvent"("publishedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "EspaceSetting" ADD CONSTRAINT "EspaceSetting_uai_fkey" FOREIGN KEY ("uai") REFERENCES "SchoolPublication"("uai") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EspaceSetting" ADD CONSTRAINT "EspaceSetting_casDelegationId_fkey" FOREIGN KEY ("casDelegationId") REFERENCES "Delegation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delegation" ADD CONSTRAINT "Delegation_uai_fkey" FOREIGN KEY ("uai") REFERENCES "SchoolPublication"("uai") ON DELETE CASCADE ON UPDATE CASCADE;
