-- CreateTable
CREATE TABLE "SchoolRuntime" (
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID NOT NULL,
    "state" VARCHAR(16) NOT NULL,
    "content" BYTEA NOT NULL,
    "contentSha256" CHAR(64) NOT NULL,
    "statistics" JSONB NOT NULL,
    "baseCreatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastEntryAt" TIMESTAMPTZ(3),
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "SchoolRuntime_pkey" PRIMARY KEY ("uai")
);

-- CreateTable
CREATE TABLE "RuntimeConnection" (
    "id" UUID NOT NULL,
    "uai" VARCHAR(8) NOT NULL,
    "baseId" UUID NOT NULL,
    "application" VARCHAR(16) NOT NULL,
    "mode" VARCHAR(32),
    "espace" VARCHAR(32),
    "editing" BOOLEAN NOT NULL,
    "userName" TEXT NOT NULL,
    "address" TEXT,
    "openedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RuntimeConnection_pkey" PRIMARY KEY ("id")
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

-- CreateIndex
CREATE INDEX "RuntimeConnection_uai_openedAt_idx" ON "RuntimeConnection"("uai", "openedAt");

-- CreateIndex
CREATE INDEX "OutboxEvent_publishedAt_createdAt_idx" ON "OutboxEvent"("publishedAt", "createdAt");
