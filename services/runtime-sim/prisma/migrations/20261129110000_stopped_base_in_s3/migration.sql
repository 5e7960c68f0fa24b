-- A stopped or restored base is no longer held in memory (nor here): only its S3 object is.
ALTER TABLE "SchoolRuntime" ALTER COLUMN "content" DROP NOT NULL,
    ADD COLUMN "contentKey" TEXT,
    ADD COLUMN "contentSize" BIGINT,
    ADD CONSTRAINT "SchoolRuntime_content_loaded_or_stored"
        CHECK ("content" IS NOT NULL OR ("contentKey" IS NOT NULL AND "contentSize" IS NOT NULL));
