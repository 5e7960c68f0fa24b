-- CreateTable
CREATE TABLE "SchoolOrderLock" (
    "uai" VARCHAR(8) NOT NULL,
    "token" UUID NOT NULL,
    "order" TEXT NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SchoolOrderLock_pkey" PRIMARY KEY ("uai")
);

-- CreateTable
CREATE TABLE "Preparation" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "fromBaseId" UUID,
    "schoolYear" VARCHAR(9) NOT NULL,
    "origin" TEXT NOT NULL,
    "objectKey" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" CHAR(64) NOT NULL,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Preparation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Recovery" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceKey" TEXT NOT NULL,
    "sourceBaseId" UUID,
    "preparationId" UUID,
    "categories" JSONB NOT NULL,
    "status" TEXT NOT NULL,
    "report" JSONB,
    "error" TEXT,
    "actor" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Recovery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Preparation_uai_idx" ON "Preparation"("uai");

-- CreateIndex
CREATE INDEX "Recovery_uai_baseId_idx" ON "Recovery"("uai", "baseId");

-- CreateIndex
CREATE UNIQUE INDEX "Recovery_uai_idempotencyKey_key" ON "Recovery"("uai", "idempotencyKey");
