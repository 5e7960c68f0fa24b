-- CreateTable
CREATE TABLE "ServerCertificate" (
    "serialNumber" TEXT NOT NULL,
    "fingerprintSha256" TEXT NOT NULL,
    "dnsNames" TEXT[],
    "ipAddresses" TEXT[],
    "notBefore" TIMESTAMPTZ(3) NOT NULL,
    "notAfter" TIMESTAMPTZ(3) NOT NULL,
    "issuedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ServerCertificate_pkey" PRIMARY KEY ("serialNumber")
);

-- CreateIndex
CREATE UNIQUE INDEX "ServerCertificate_fingerprintSha256_key" ON "ServerCertificate"("fingerprintSha256");

-- CreateIndex
CREATE INDEX "ServerCertificate_notAfter_idx" ON "ServerCertificate"("notAfter");
