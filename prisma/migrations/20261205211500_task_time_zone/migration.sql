-- AlterTable: the task's time zone, decided at intake. Existing tasks take their workspace's.
ALTER TABLE "Task" ADD COLUMN     "timeZone" TEXT;
UPDATE "Task" t SET "timeZone" = w."timeZone" FROM "Workspace" w WHERE w.id = t."workspaceId";
UPDATE "Task" t SET "timeZone" = 'UTC' WHERE t."timeZone" IS NULL;
ALTER TABLE "Task" ALTER COLUMN "timeZone" SET NOT NULL;
