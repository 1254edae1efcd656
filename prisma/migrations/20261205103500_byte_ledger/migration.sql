-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "bytesPerDay" BIGINT;

-- CreateTable
CREATE TABLE "ByteLedger" (
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "usedBytes" BIGINT NOT NULL DEFAULT 0,
    "reservedBytes" BIGINT NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ByteLedger_pkey" PRIMARY KEY ("workspaceId","channelId","day")
);
