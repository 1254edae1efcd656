/**
 * Slack installations (OAuth results), with every token sealed by the secret box before
 * it is written. Plaintext tokens exist only in memory, in the values this store returns.
 *
 * Each token is sealed with a context naming the installation and the field
 * ("slack:<team>:<enterprise>:bot"), so a ciphertext moved to another row does not decrypt.
 * `keyId` on the row records which key sealed it; `reencrypt()` moves rows to the active key.
 *
 * Rotating tokens (Slack "token rotation"): `tryLockRefresh` is one conditional UPDATE on
 * `refreshLockedUntil`, so exactly one process wins the right to refresh; the lock
 * expires by itself if that process dies.
 */
import type { Locale } from '../core/locale.ts';
import type { Installation } from './generated/prisma/client.ts';
import type { Database } from './prisma-client.ts';
import type { SecretBox } from './secret-box.ts';
import { createWorkspaceStore } from './workspace-store.ts';
import { KotaeError } from '../core/errors.ts';

export interface InstallationKey {
  teamId: string | null;
  enterpriseId: string | null;
}

export interface SlackInstallation extends InstallationKey {
  id: string;
  workspaceId: string;
  isEnterpriseInstall: boolean;
  appId: string | null;
  botUserId: string | null;
  botId: string | null;
  botScopes: string[];
  botToken: string | null;
  botRefreshToken: string | null;
  botTokenExpiresAt: Date | null;
  userId: string | null;
  userScopes: string[];
  userToken: string | null;
  userRefreshToken: string | null;
  userTokenExpiresAt: Date | null;
}

export type NewSlackInstallation = Omit<SlackInstallation, 'id' | 'workspaceId'> & { teamName?: string };

export interface RefreshedToken {
  token: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface InstallationStore {
  /** Creates or replaces the installation for its team (or org) and ensures its workspace. */
  save(
    installation: NewSlackInstallation,
    defaults: { locale: Locale; timeZone: string },
  ): Promise<SlackInstallation>;
  /** An org-wide install answers for every team in the org. */
  find(key: InstallationKey): Promise<SlackInstallation | null>;
  /** app_uninstalled: forget the installation. Returns how many rows went. */
  delete(key: InstallationKey): Promise<number>;
  /** tokens_revoked: drop the named user and bot tokens; an installation left with none goes. */
  revokeTokens(key: InstallationKey, revoked: { userIds: string[]; botUserIds: string[] }): Promise<void>;
  tryLockRefresh(installationId: string, now: Date, holdMs: number): Promise<boolean>;
  /** Stores a refreshed bot token and releases the lock. */
  saveRefreshedBotToken(installationId: string, refreshed: RefreshedToken): Promise<void>;
  releaseRefreshLock(installationId: string): Promise<void>;
  /** Re-seals every installation not sealed with the active key; returns how many changed. */
  reencrypt(): Promise<number>;
}

type TokenField = 'bot' | 'botRefresh' | 'user' | 'userRefresh';

function context(key: InstallationKey, field: TokenField): string {
  return `slack:${key.teamId ?? ''}:${key.enterpriseId ?? ''}:${field}`;
}

export function createInstallationStore(db: Database, box: SecretBox): InstallationStore {
  const workspaces = createWorkspaceStore(db);
  const seal = (key: InstallationKey, field: TokenField, value: string | null) =>
    value === null ? null : box.encrypt(value, context(key, field));
  const open = (key: InstallationKey, field: TokenField, value: string | null) =>
    value === null ? null : box.decrypt(value, context(key, field));

  function sealedTokens(installation: NewSlackInstallation | SlackInstallation) {
    return {
      botTokenEnc: seal(installation, 'bot', installation.botToken),
      botRefreshTokenEnc: seal(installation, 'botRefresh', installation.botRefreshToken),
      userTokenEnc: seal(installation, 'user', installation.userToken),
      userRefreshTokenEnc: seal(installation, 'userRefresh', installation.userRefreshToken),
      keyId: box.activeKeyId,
    };
  }

  function toView(row: Installation): SlackInstallation {
    const key = { teamId: row.teamId, enterpriseId: row.enterpriseId };
    return {
      id: row.id,
      workspaceId: row.workspaceId,
      ...key,
      isEnterpriseInstall: row.isEnterpriseInstall,
      appId: row.appId,
      botUserId: row.botUserId,
      botId: row.botId,
      botScopes: row.botScopes,
      botToken: open(key, 'bot', row.botTokenEnc),
      botRefreshToken: open(key, 'botRefresh', row.botRefreshTokenEnc),
      botTokenExpiresAt: row.botTokenExpiresAt,
      userId: row.userId,
      userScopes: row.userScopes,
      userToken: open(key, 'user', row.userTokenEnc),
      userRefreshToken: open(key, 'userRefresh', row.userRefreshTokenEnc),
      userTokenExpiresAt: row.userTokenExpiresAt,
    };
  }

  /** Unique (teamId, enterpriseId) treats NULLs as distinct in PostgreSQL, so match explicitly. */
  const whereKey = (key: InstallationKey) => ({ teamId: key.teamId, enterpriseId: key.enterpriseId });

  return {
    async save(installation, defaults) {
      const externalId = installation.isEnterpriseInstall
        ? installation.enterpriseId
        : (installation.teamId ?? installation.enterpriseId);
      if (!externalId)
        throw new KotaeError('installation_no_team', 'An installation needs a team id or an enterprise id');
      const workspace = await workspaces.ensure('slack', externalId, {
        ...defaults,
        ...(installation.teamName ? { name: installation.teamName } : {}),
      });
      const data = {
        workspaceId: workspace.id,
        teamId: installation.isEnterpriseInstall ? null : installation.teamId,
        enterpriseId: installation.enterpriseId,
        isEnterpriseInstall: installation.isEnterpriseInstall,
        appId: installation.appId,
        botUserId: installation.botUserId,
        botId: installation.botId,
        botScopes: installation.botScopes,
        botTokenExpiresAt: installation.botTokenExpiresAt,
        userId: installation.userId,
        userScopes: installation.userScopes,
        userTokenExpiresAt: installation.userTokenExpiresAt,
        refreshLockedUntil: null,
      };
      const key = { teamId: data.teamId, enterpriseId: data.enterpriseId };
      const row = await db.$transaction(async (tx) => {
        const existing = await tx.installation.findFirst({ where: whereKey(key), select: { id: true } });
        const full = { ...data, ...sealedTokens({ ...installation, ...key }) };
        return existing
          ? await tx.installation.update({ where: { id: existing.id }, data: full })
          : await tx.installation.create({ data: full });
      });
      return toView(row);
    },

    async find(key) {
      if (key.teamId) {
        const row = await db.installation.findFirst({
          where: { teamId: key.teamId, ...(key.enterpriseId ? { enterpriseId: key.enterpriseId } : {}) },
          orderBy: { updatedAt: 'desc' },
        });
        if (row) return toView(row);
      }
      if (!key.enterpriseId) return null;
      const org = await db.installation.findFirst({
        where: { enterpriseId: key.enterpriseId, isEnterpriseInstall: true },
      });
      return org ? toView(org) : null;
    },

    async delete(key) {
      const { count } = await db.installation.deleteMany({ where: whereKey(key) });
      return count;
    },

    async revokeTokens(key, revoked) {
      const rows = await db.installation.findMany({ where: whereKey(key) });
      for (const row of rows) {
        const dropBot = row.botUserId !== null && revoked.botUserIds.includes(row.botUserId);
        const dropUser = row.userId !== null && revoked.userIds.includes(row.userId);
        const botLeft = !dropBot && row.botTokenEnc !== null;
        const userLeft = !dropUser && row.userTokenEnc !== null;
        if (!botLeft && !userLeft) {
          await db.installation.delete({ where: { id: row.id } });
          continue;
        }
        await db.installation.update({
          where: { id: row.id },
          data: {
            ...(dropBot
              ? { botTokenEnc: null, botRefreshTokenEnc: null, botTokenExpiresAt: null, botScopes: [] }
              : {}),
            ...(dropUser
              ? { userTokenEnc: null, userRefreshTokenEnc: null, userTokenExpiresAt: null, userScopes: [] }
              : {}),
          },
        });
      }
    },

    async tryLockRefresh(installationId, now, holdMs) {
      const { count } = await db.installation.updateMany({
        where: {
          id: installationId,
          OR: [{ refreshLockedUntil: null }, { refreshLockedUntil: { lt: now } }],
        },
        data: { refreshLockedUntil: new Date(now.getTime() + holdMs) },
      });
      return count === 1;
    },

    async saveRefreshedBotToken(installationId, refreshed) {
      const row = await db.installation.findUniqueOrThrow({ where: { id: installationId } });
      const view = toView(row);
      await db.installation.update({
        where: { id: installationId },
        data: {
          ...sealedTokens({ ...view, botToken: refreshed.token, botRefreshToken: refreshed.refreshToken }),
          botTokenExpiresAt: refreshed.expiresAt,
          refreshLockedUntil: null,
        },
      });
    },

    async releaseRefreshLock(installationId) {
      await db.installation.updateMany({ where: { id: installationId }, data: { refreshLockedUntil: null } });
    },

    async reencrypt() {
      const stale = await db.installation.findMany({ where: { keyId: { not: box.activeKeyId } } });
      for (const row of stale) {
        await db.installation.update({ where: { id: row.id }, data: sealedTokens(toView(row)) });
      }
      return stale.length;
    },
  };
}
