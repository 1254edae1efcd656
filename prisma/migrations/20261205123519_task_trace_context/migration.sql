-- AlterTable
ALTER TABLE "Task" ADD COLUMN     "traceContext" TEXT;


