-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "placeholderReservedBy" TEXT;

-- A reservation used to be written into "placeholderId" as 'reserved:<holder>': move it to its own column.
UPDATE "Task"
   SET "placeholderReservedBy" = substr("placeholderId", length('reserved:') + 1), "placeholderId" = NULL
 WHERE "placeholderId" LIKE 'reserved:%';
