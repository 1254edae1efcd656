/**
 * If this breaks, a Slack workspace that installed Kotae gets no answers (its token is
 * lost or unreadable), an uninstalled workspace keeps a live token in our database, or
 * two workers refresh one rotating token at once and one of them logs the team out.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createInstallationStore, type NewSlackInstallation } from '../../src/store/installation-store.ts';
import { createSecretBox } from '../../src/store/secret-box.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';

const k1 = new Uint8Array(randomBytes(32));
const k2 = new Uint8Array(randomBytes(32));
const defaults = { locale: 'ja' as const, timeZone: 'Asia/Tokyo' };

function installation(teamId: string, overrides: Partial<NewSlackInstallation> = {}): NewSlackInstallation {
  return {
    teamId,
    enterpriseId: null,
    isEnterpriseInstall: false,
    teamName: `Team ${teamId}`,
    appId: 'A1',
    botUserId: `U${teamId}BOT`,
    botId: `B${teamId}`,
    botScopes: ['chat:write', 'app_mentions:read'],
    botToken: `xoxb-${teamId}-plaintext-bot`,
    botRefreshToken: null,
    botTokenExpiresAt: null,
    userId: 'UINSTALLER',
    userScopes: [],
    userToken: null,
    userRefreshToken: null,
    userTokenExpiresAt: null,
    ...overrides,
  };
}

describe.each(DATABASE_KINDS)('installation store on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  });
  afterAll(async () => {
    await db?.drop();
  });
  beforeEach(async () => {
    await db.prisma.installation.deleteMany();
    await db.prisma.workspace.deleteMany();
  });

  it('stores tokens sealed and gives them back in plaintext', async () => {
    const store = createInstallationStore(db.prisma, createSecretBox({ keys: { k1 }, activeKeyId: 'k1' }));
    await store.save(
      installation('T1', { userToken: 'xoxp-T1-plaintext-user', userScopes: ['search:read'] }),
      defaults,
    );
    const found = await store.find({ teamId: 'T1', enterpriseId: null });
    expect(found).toMatchObject({ botToken: 'xoxb-T1-plaintext-bot', userToken: 'xoxp-T1-plaintext-user' });

    const rows = await db.prisma.$queryRawUnsafe<Array<{ row: string }>>(
      'SELECT row_to_json(i)::text AS row FROM "Installation" i',
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.row).not.toContain('plaintext');
    const workspace = await db.prisma.workspace.findFirstOrThrow();
    expect(workspace).toMatchObject({ platform: 'SLACK', externalId: 'T1', name: 'Team T1' });
  });

  it('replaces a reinstall instead of duplicating it', async () => {
    const store = createInstallationStore(db.prisma, createSecretBox({ keys: { k1 }, activeKeyId: 'k1' }));
    await store.save(installation('T1'), defaults);
    await store.save(installation('T1', { botToken: 'xoxb-T1-second' }), defaults);
    expect(await db.prisma.installation.count()).toBe(1);
    expect((await store.find({ teamId: 'T1', enterpriseId: null }))!.botToken).toBe('xoxb-T1-second');
  });

  it('forgets an uninstalled team and drops revoked tokens', async () => {
    const store = createInstallationStore(db.prisma, createSecretBox({ keys: { k1 }, activeKeyId: 'k1' }));
    await store.save(installation('T1'), defaults);
    await store.save(installation('T2', { userToken: 'xoxp-T2-user' }), defaults);
    expect(await store.delete({ teamId: 'T1', enterpriseId: null })).toBe(1);
    expect(await store.find({ teamId: 'T1', enterpriseId: null })).toBeNull();

    await store.revokeTokens(
      { teamId: 'T2', enterpriseId: null },
      { userIds: ['UINSTALLER'], botUserIds: [] },
    );
    expect(await store.find({ teamId: 'T2', enterpriseId: null })).toMatchObject({
      userToken: null,
      botToken: 'xoxb-T2-plaintext-bot',
    });
    await store.revokeTokens({ teamId: 'T2', enterpriseId: null }, { userIds: [], botUserIds: ['UT2BOT'] });
    expect(await store.find({ teamId: 'T2', enterpriseId: null })).toBeNull();
  });

  it('lets exactly one of many concurrent refreshers take the lock, until it expires', async () => {
    const store = createInstallationStore(db.prisma, createSecretBox({ keys: { k1 }, activeKeyId: 'k1' }));
    const saved = await store.save(installation('T1'), defaults);
    const now = new Date('2026-11-21T00:00:00Z');
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () => store.tryLockRefresh(saved.id, now, 30_000)),
    );
    expect(attempts.filter(Boolean)).toHaveLength(1);
    expect(await store.tryLockRefresh(saved.id, new Date(now.getTime() + 29_000), 30_000)).toBe(false);
    // A refresher that died leaves a lock that expires on its own.
    expect(await store.tryLockRefresh(saved.id, new Date(now.getTime() + 31_000), 30_000)).toBe(true);
    await store.saveRefreshedBotToken(saved.id, {
      token: 'xoxe.xoxb-new',
      refreshToken: 'xoxe-1-new',
      expiresAt: new Date(now.getTime() + 12 * 3600_000),
    });
    const after = await store.find({ teamId: 'T1', enterpriseId: null });
    expect(after).toMatchObject({ botToken: 'xoxe.xoxb-new', botRefreshToken: 'xoxe-1-new' });
    expect(await store.tryLockRefresh(saved.id, now, 30_000)).toBe(true);
  });

  it('re-seals rows under a new active key', async () => {
    const old = createInstallationStore(db.prisma, createSecretBox({ keys: { k1 }, activeKeyId: 'k1' }));
    await old.save(installation('T1'), defaults);
    const rotated = createInstallationStore(
      db.prisma,
      createSecretBox({ keys: { k1, k2 }, activeKeyId: 'k2' }),
    );
    expect(await rotated.reencrypt()).toBe(1);
    expect(await rotated.reencrypt()).toBe(0);
    const onlyNew = createInstallationStore(db.prisma, createSecretBox({ keys: { k2 }, activeKeyId: 'k2' }));
    expect((await onlyNew.find({ teamId: 'T1', enterpriseId: null }))!.botToken).toBe(
      'xoxb-T1-plaintext-bot',
    );
  });
});
