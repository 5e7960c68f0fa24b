-- CreateEnum
CREATE TYPE "BaseState" AS ENUM ('stopped', 'in_service');

-- CreateEnum
CREATE TYPE "BaseOrigin" AS ENUM ('empty', 'upload', 'version_switch', 'edt');

-- CreateEnum
CREATE TYPE "UploadStatus" AS ENUM ('open', 'completed', 'failed');

-- CreateTable
CREATE TABLE "Base" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "schoolYear" VARCHAR(9) NOT NULL,
    "name" TEXT NOT NULL,
    "startsOn" VARCHAR(10) NOT NULL,
    "endsOn" VARCHAR(10) NOT NULL,
    "pronoteVersion" INTEGER NOT NULL,
    "grid" JSONB,
    "state" "BaseState" NOT NULL DEFAULT 'stopped',
    "origin" "BaseOrigin" NOT NULL,
    "consultation" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastEntryAt" TIMESTAMPTZ(3),
    "contentKey" TEXT NOT NULL,
    "contentSize" BIGINT NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,

    CONSTRAINT "Base_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BaseHistory" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID,
    "actor" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "details" JSONB NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BaseHistory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SprPassword" (
    "uai" VARCHAR(8) NOT NULL,
    "hash" TEXT NOT NULL,
    "definedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SprPassword_pkey" PRIMARY KEY ("uai")
);

-- CreateTable
CREATE TABLE "Upload" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "s3UploadId" TEXT NOT NULL,
    "size" BIGINT NOT NULL,
    "partSize" INTEGER NOT NULL,
    "expectedSha256" CHAR(64),
    "sha256" CHAR(64),
    "header" JSONB,
    "status" "UploadStatus" NOT NULL DEFAULT 'open',
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UploadPart" (
    "uploadId" UUID NOT NULL,
    "partNumber" INTEGER NOT NULL,
    "etag" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "UploadPart_pkey" PRIMARY KEY ("uploadId","partNumber")
);

-- CreateTable
CREATE TABLE "VersionRelease" (
    "version" INTEGER NOT NULL,
    "preVersionOpensOn" VARCHAR(10) NOT NULL,
    "switchOn" VARCHAR(10) NOT NULL,
    "schoolYear" VARCHAR(9) NOT NULL,

    CONSTRAINT "VersionRelease_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "PreVersionRequest" (
    "uai" VARCHAR(8) NOT NULL,
    "version" INTEGER NOT NULL,
    "actor" TEXT NOT NULL,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PreVersionRequest_pkey" PRIMARY KEY ("uai","version")
);

-- CreateTable
CREATE TABLE "SwitchCampaign" (
    "version" INTEGER NOT NULL,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),
    "schools" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SwitchCampaign_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "SwitchResult" (
    "version" INTEGER NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "status" TEXT NOT NULL,
    "decision" TEXT,
    "baseId" UUID,
    "error" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SwitchResult_pkey" PRIMARY KEY ("version","uai")
);

-- CreateIndex
CREATE INDEX "Base_uai_schoolYear_idx" ON "Base"("uai", "schoolYear");

-- CreateIndex
CREATE INDEX "BaseHistory_uai_at_idx" ON "BaseHistory"("uai", "at");

-- CreateIndex
CREATE INDEX "Upload_uai_idx" ON "Upload"("uai");

-- AddForeignKey
ALTER TABLE "UploadPart" ADD CONSTRAINT "UploadPart_uploadId_fkey" FOREIGN KEY ("uploadId") REFERENCES "Upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by hand (Prisma cannot express a partial unique index): a school has at most one base in service.
CREATE UNIQUE INDEX "Base_one_in_service_per_school" ON "Base"("uai") WHERE "state" = 'in_service';
