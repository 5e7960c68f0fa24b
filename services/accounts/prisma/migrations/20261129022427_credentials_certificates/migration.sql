-- CreateEnum
CREATE TYPE "CertificateStatus" AS ENUM ('active', 'revoked');

-- CreateEnum
CREATE TYPE "DeliveryChannel" AS ENUM ('sms', 'email');

-- CreateEnum
CREATE TYPE "DeliveryPurpose" AS ENUM ('account_opened', 'credentials_resent');

-- CreateTable
CREATE TABLE "AccountCredentials" (
    "accountId" UUID NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "passwordChangedAt" TIMESTAMPTZ(3) NOT NULL,
    "credentialsSentAt" TIMESTAMPTZ(3) NOT NULL,
    "sprPasswordHash" TEXT,
    "sprChangedAt" TIMESTAMPTZ(3),

    CONSTRAINT "AccountCredentials_pkey" PRIMARY KEY ("accountId")
);

-- CreateTable
CREATE TABLE "Invoice" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "number" TEXT NOT NULL,
    "issuedOn" DATE NOT NULL,
    "amountCents" INTEGER NOT NULL,
    "periodStart" DATE NOT NULL,
    "periodEnd" DATE NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Invoice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CertificateAuthorityState" (
    "id" TEXT NOT NULL,
    "rootCertificatePem" TEXT NOT NULL,
    "rootSealedKey" JSONB,
    "issuingCertificatePem" TEXT NOT NULL,
    "issuingSealedKey" JSONB,
    "rootCrlPem" TEXT NOT NULL,
    "rootCrlNumber" BIGINT NOT NULL,
    "issuingCrlPem" TEXT NOT NULL,
    "issuingCrlNumber" BIGINT NOT NULL,
    "crlNextUpdate" TIMESTAMPTZ(3) NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "CertificateAuthorityState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientCertificate" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "deviceName" TEXT NOT NULL,
    "serialNumber" TEXT NOT NULL,
    "fingerprintSha256" TEXT NOT NULL,
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "notAfter" TIMESTAMPTZ(3) NOT NULL,
    "status" "CertificateStatus" NOT NULL DEFAULT 'active',
    "revokedAt" TIMESTAMPTZ(3),
    "revocationReason" TEXT,
    "lastUsedAt" TIMESTAMPTZ(3),
    "lastUsedIp" TEXT,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ClientCertificate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CredentialDelivery" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "channel" "DeliveryChannel" NOT NULL,
    "purpose" "DeliveryPurpose" NOT NULL,
    "recipient" TEXT NOT NULL,
    "sealedBody" JSONB,
    "createdAt" TIMESTAMPTZ(6) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(6),
    "claimedUntil" TIMESTAMPTZ(6),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,

    CONSTRAINT "CredentialDelivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountHistory" (
    "id" UUID NOT NULL,
    "accountId" UUID NOT NULL,
    "action" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountHistory_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Invoice_accountId_issuedOn_idx" ON "Invoice"("accountId", "issuedOn");

-- CreateIndex
CREATE UNIQUE INDEX "Invoice_accountId_number_key" ON "Invoice"("accountId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "ClientCertificate_serialNumber_key" ON "ClientCertificate"("serialNumber");

-- CreateIndex
CREATE UNIQUE INDEX "ClientCertificate_fingerprintSha256_key" ON "ClientCertificate"("fingerprintSha256");

-- CreateIndex
CREATE INDEX "ClientCertificate_accountId_idx" ON "ClientCertificate"("accountId");

-- CreateIndex
CREATE INDEX "ClientCertificate_status_idx" ON "ClientCertificate"("status");

-- CreateIndex
CREATE INDEX "CredentialDelivery_sentAt_createdAt_idx" ON "CredentialDelivery"("sentAt", "createdAt");

-- CreateIndex
CREATE INDEX "CredentialDelivery_accountId_idx" ON "CredentialDelivery"("accountId");

-- CreateIndex
CREATE INDEX "AccountHistory_accountId_at_idx" ON "AccountHistory"("accountId", "at");
