/**
 * The record of admin changes: who (the platform's user id), what, on what, before,
 * after and when. Written in the same transaction as the change it records, so a change
 * without its record (or the reverse) cannot exist.
 */
import type { Prisma } from './generated/prisma/client.ts';
import type { Database } from './prisma-client.ts';

export type AuditAction =
  'map' | 'unmap' | 'admins.add' | 'admins.remove' | 'model' | 'keys.set' | 'keys.remove';

export interface AuditEntry {
  workspaceId: string;
  actor: string;
  action: AuditAction;
  target: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditRecord extends AuditEntry {
  id: string;
  at: Date;
}

type Tx = Prisma.TransactionClient | Database;

const json = (value: unknown): Prisma.InputJsonValue | undefined =>
  value === null || value === undefined
    ? undefined
    : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

export async function writeAudit(tx: Tx, entry: AuditEntry): Promise<void> {
  const before = json(entry.before);
  const after = json(entry.after);
  await tx.adminAudit.create({
    data: {
      workspaceId: entry.workspaceId,
      actor: entry.actor,
      action: entry.action,
      target: entry.target,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    },
  });
}

/** Newest first. */
export async function readAudit(db: Database, workspaceId: string, limit: number): Promise<AuditRecord[]> {
  const rows = await db.adminAudit.findMany({
    where: { workspaceId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit,
  });
  return rows.map((row) => ({
    id: row.id,
    workspaceId: row.workspaceId,
    actor: row.actor,
    action: row.action as AuditAction,
    target: row.target,
    before: row.before ?? null,
    after: row.after ?? null,
    at: row.createdAt,
  }));
}
