-- CreateTable
CREATE TABLE "ChannelBudget" (
    "workspaceId" TEXT NOT NULL,
    "channelId" TEXT NOT NULL,
    "bytesPerDay" BIGINT,
    "updatedBy" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChannelBudget_pkey" PRIMARY KEY ("workspaceId","channelId")
);

-- CreateIndex
CREATE INDEX "Task_workspaceId_createdAt_idx" ON "Task"("workspaceId", "createdAt");


