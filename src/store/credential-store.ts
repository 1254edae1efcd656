/**
 * A workspace's own LLM keys (Credential rows): sealed with the secret box (AES-256-GCM,
 * the same key ring as the Slack tokens) before they reach the database, bound to their
 * row by the context "credential:<workspace>:<provider>", and shown only masked. The
 * audit records the masked value, never the key.
 */
import { writeAudit } from './admin-audit.ts';
import type { Database } from './prisma-client.ts';
import type { SecretBox } from './secret-box.ts';

const LABEL = 'default';

export interface StoredKey {
  provider: string;
  masked: string;
}

export interface CredentialStore {
  set(workspaceId: string, provider: string, key: string, actor: string): Promise<StoredKey>;
  /** False when there was none. */
  remove(workspaceId: string, provider: string, actor: string): Promise<boolean>;
  list(workspaceId: string): Promise<StoredKey[]>;
  /** Plaintext keys by provider, for the workspace's model calls only. */
  keysFor(workspaceId: string): Promise<Record<string, string>>;
}

/** "sk-proj-abc…wxyz" → "sk-…wxyz": enough to recognise a key, too little to use it. */
export function maskKey(key: string): string {
  const trimmed = key.trim();
  if (trimmed.length < 12) return '…';
  return `${trimmed.slice(0, 3)}…${trimmed.slice(-4)}`;
}

const contextOf = (workspaceId: string, provider: string) => `credential:${workspaceId}:${provider}`;

export function createCredentialStore(db: Database, box: SecretBox): CredentialStore {
  return {
    async set(workspaceId, provider, key, actor) {
      const masked = maskKey(key);
      const secretEnc = box.encrypt(key.trim(), contextOf(workspaceId, provider));
      await db.$transaction(async (tx) => {
        const where = { workspaceId_provider_label: { workspaceId, provider, label: LABEL } };
        const before = await tx.credential.findUnique({ where, select: { masked: true } });
        const data = { secretEnc, keyId: box.activeKeyId, masked, createdBy: actor };
        await tx.credential.upsert({
          where,
          create: { workspaceId, provider, label: LABEL, ...data },
          update: data,
        });
        await writeAudit(tx, {
          workspaceId,
          actor,
          action: 'keys.set',
          target: provider,
          before: before?.masked ?? null,
          after: masked,
        });
      });
      return { provider, masked };
    },
    async remove(workspaceId, provider, actor) {
      return await db.$transaction(async (tx) => {
        const where = { workspaceId_provider_label: { workspaceId, provider, label: LABEL } };
        const before = await tx.credential.findUnique({ where, select: { masked: true } });
        if (!before) return false;
        await tx.credential.delete({ where });
        await writeAudit(tx, {
          workspaceId,
          actor,
          action: 'keys.remove',
          target: provider,
          before: before.masked,
          after: null,
        });
        return true;
      });
    },
    async list(workspaceId) {
      const rows = await db.credential.findMany({ where: { workspaceId }, orderBy: { provider: 'asc' } });
      return rows.map((row) => ({ provider: row.provider, masked: row.masked }));
    },
    async keysFor(workspaceId) {
      const rows = await db.credential.findMany({ where: { workspaceId, label: LABEL } });
      return Object.fromEntries(
        rows.map((row) => [row.provider, box.decrypt(row.secretEnc, contextOf(workspaceId, row.provider))]),
      );
    },
  };
}
