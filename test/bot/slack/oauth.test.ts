/**
 * Installing Kotae into many Slack workspaces: the OAuth install flow, tokens sealed at
 * rest, rotating tokens refreshed by exactly one process, and uninstalls honoured. If this
 * breaks, a team cannot install Kotae, a forged redirect installs into the wrong place, a
 * database dump or a log file leaks live tokens, or a team is logged out after 12 hours.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { LogLevel } from '../../../src/bot/slack/bolt-logger.ts';
import { createTokenRotation } from '../../../src/bot/slack/token-rotation.ts';
import { createInstalledTokens } from '../../../src/bot/slack/tokens.ts';
import { createSlackWebClient } from '../../../src/bot/slack/web-client.ts';
import { createManualClock } from '../../../src/core/clock.ts';
import type { Logger } from '../../../src/core/logger.ts';
import { createInstallationStore, type InstallationStore } from '../../../src/store/installation-store.ts';
import { createSecretBox } from '../../../src/store/secret-box.ts';
import { startFakeSlack, type FakeSlack, type OAuthGrant } from '../../fakes/slack/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createManualTimers, type ManualTimers } from '../../support/manual-timers.ts';
import { fixture, settle, startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

const NEW_TEAM = 'T0NEWTEAM1';
const CLIENT = { clientId: '1111.2222', clientSecret: 'fake-client-secret' };
const box = createSecretBox({ keys: { k2026: new Uint8Array(randomBytes(32)) }, activeKeyId: 'k2026' });
const grant: OAuthGrant = {
  teamId: NEW_TEAM,
  teamName: '株式会社サンプル',
  botUserId: 'U0NEWBOT01',
  botId: 'B0NEWBOT01',
  installerUserId: 'U0ADMIN001',
  scopes: ['app_mentions:read', 'chat:write', 'commands'],
  userScopes: ['identify'],
  expiresInSeconds: 12 * 3600,
};

let db: TestDatabase;
let fake: FakeSlack;
let timers: ManualTimers;
let slack: SlackHarness;
let installations: InstallationStore;
const logLines: string[] = [];

/** Writes every entry unredacted, so the token check below tests our code, not the redactor. */
const rawLogger: Logger = Object.fromEntries(
  (['debug', 'info', 'warn', 'error'] as const).map((level) => [
    level,
    (message: string, fields?: Record<string, unknown>) =>
      logLines.push(
        `${level} ${message} ${JSON.stringify(fields ?? {}, (_k, v) => (v instanceof Error ? `${v.name}: ${v.message}` : v))}`,
      ),
  ]),
) as unknown as Logger;

function rotationFor(holder: string) {
  const client = createSlackWebClient({
    slackApiUrl: fake.apiUrl,
    logger: rawLogger,
    logLevel: LogLevel.DEBUG,
  });
  const rotation = createTokenRotation({
    installations,
    client,
    ...CLIENT,
    clock: timers.clock,
    timers,
    logger: rawLogger,
    pollMs: 500,
  });
  return { holder, tokens: createInstalledTokens({ installations, rotation, clock: timers.clock }) };
}

async function install(): Promise<void> {
  fake.addOAuthCode('code-1', grant);
  const start = await fetch(`${slackBase()}/slack/install`, { redirect: 'manual' });
  const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  const done = await fetch(
    `${slackBase()}/slack/oauth_redirect?code=code-1&state=${encodeURIComponent(state)}`,
    {
      headers: { cookie },
    },
  );
  expect(done.status).toBe(200);
}

/** The fixture re-addressed to the newly installed team, as Slack would send it. */
function mentionFor(team: string, eventId: string, text = '<@U0NEWBOT01> 今週の注文数は？') {
  const body = fixture<
    Record<string, unknown> & {
      event: Record<string, unknown>;
      authorizations: Array<Record<string, unknown>>;
    }
  >('app_mention');
  body.team_id = team;
  body.event_id = eventId;
  body.event.text = text;
  body.authorizations = [{ ...body.authorizations[0], team_id: team, user_id: 'U0NEWBOT01' }];
  return body;
}

function slackBase(): string {
  return slack.url.replace('/slack/events', '');
}

function issuedTokens(): string[] {
  return [...fake.state.tokens.keys(), ...fake.state.refreshTokens.keys()].filter(
    (token) => token.includes(NEW_TEAM) || token.startsWith('xoxe-'),
  );
}

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  installations = createInstallationStore(db.prisma, box);
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  logLines.length = 0;
  await db.prisma.installation.deleteMany();
  await db.prisma.task.deleteMany();
  // @slack/oauth stamps expiresAt from the real clock; tests move time relative to what it stored.
  timers = createManualTimers(createManualClock(new Date()));
  fake = await startFakeSlack({ clock: timers.clock, ...CLIENT });
  const { tokens } = rotationFor('bot');
  slack = await startSlackHarness({
    prisma: db.prisma,
    fake,
    timers,
    logger: rawLogger,
    logLevel: LogLevel.DEBUG,
    overrides: {
      tokens,
      installations,
      oauth: {
        ...CLIENT,
        stateSecret: 'state-secret-for-tests',
        scopes: grant.scopes,
        userScopes: grant.userScopes!,
        redirectUri: 'https://kotae.example.jp/slack/oauth_redirect',
        installations,
        defaults: { locale: 'ja', timeZone: 'Asia/Tokyo' },
        logger: rawLogger,
        logLevel: LogLevel.DEBUG,
        slackApiUrl: fake.apiUrl,
      },
    },
  });
});
afterEach(async () => {
  await slack.close();
  await fake.close();
});

describe('installing', () => {
  it('sends the installer to Slack with a state bound to their browser', async () => {
    const response = await fetch(`${slackBase()}/slack/install`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location')!);
    expect(location.origin + location.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(location.searchParams.get('client_id')).toBe(CLIENT.clientId);
    expect(location.searchParams.get('scope')).toBe('app_mentions:read,chat:write,commands');
    expect(location.searchParams.get('redirect_uri')).toBe('https://kotae.example.jp/slack/oauth_redirect');
    const state = location.searchParams.get('state')!;
    expect(response.headers.get('set-cookie')).toContain(`=${state};`);
  });

  it('stores the installation, tokens sealed, and answers the new team with its own token', async () => {
    await install();
    const saved = await installations.find({ teamId: NEW_TEAM, enterpriseId: null });
    expect(saved).toMatchObject({ botUserId: 'U0NEWBOT01', botId: 'B0NEWBOT01', userId: 'U0ADMIN001' });
    expect(fake.state.tokens.get(saved!.botToken!)).toMatchObject({ teamId: NEW_TEAM, kind: 'bot' });
    const workspace = await db.prisma.workspace.findFirstOrThrow({ where: { externalId: NEW_TEAM } });
    expect(workspace.name).toBe('株式会社サンプル');

    const mention = mentionFor(NEW_TEAM, 'Ev0NEWTEAM01');
    expect((await slack.sendEvent(mention)).status).toBe(200);
    await vi.waitFor(() => expect(fake.calls('chat.postMessage')).toHaveLength(1));
    expect(fake.calls('chat.postMessage')[0]!.token).toBe(saved!.botToken);
    expect((await db.prisma.task.findFirstOrThrow()).question).toBe('今週の注文数は？');
  });

  it('refuses a redirect whose state is not this browser’s, storing nothing', async () => {
    fake.addOAuthCode('code-2', grant);
    const start = await fetch(`${slackBase()}/slack/install`, { redirect: 'manual' });
    const state = new URL(start.headers.get('location')!).searchParams.get('state')!;
    const forged = await fetch(
      `${slackBase()}/slack/oauth_redirect?code=code-2&state=${encodeURIComponent(state)}`,
      {
        headers: { cookie: 'slack-app-oauth-state=someone-elses-state' },
      },
    );
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('インストールを完了できませんでした');
    expect(await db.prisma.installation.count()).toBe(0);
    expect(fake.calls('oauth.v2.access')).toHaveLength(0);
  });
});

describe('rotating tokens', () => {
  it('refreshes near expiry exactly once across processes, and everyone gets a working token', async () => {
    await install();
    const before = (await installations.find({ teamId: NEW_TEAM, enterpriseId: null }))!;
    // One hour left: inside the two-hour refresh window.
    timers.advance(before.botTokenExpiresAt!.getTime() - 3600_000 - timers.clock.now().getTime());
    const workers = [rotationFor('a'), rotationFor('b'), rotationFor('c')];
    const tokens = await Promise.all(workers.map(({ tokens: source }) => source.botTokenFor(NEW_TEAM)));
    const refreshes = fake
      .calls('oauth.v2.access')
      .filter((call) => call.params.grant_type === 'refresh_token');
    expect(refreshes).toHaveLength(1);
    expect(refreshes[0]!.ok).toBe(true);
    const after = (await installations.find({ teamId: NEW_TEAM, enterpriseId: null }))!;
    expect(after.botToken).not.toBe(before.botToken);
    // The winner has the new token. A process that lost the lock race kept the old one,
    // still valid for an hour; one that read after the refresh has the new one too.
    expect(tokens).toContain(after.botToken);
    for (const token of tokens) expect([after.botToken, before.botToken]).toContain(token);
    for (const token of tokens) expect(fake.state.tokens.get(token!)?.revoked).not.toBe(true);
    expect(after.botTokenExpiresAt!.getTime()).toBe(timers.clock.now().getTime() + 12 * 3600_000);
    expect(after.botTokenExpiresAt!.getTime()).toBeGreaterThan(before.botTokenExpiresAt!.getTime());
  });

  it('does not refresh again with a stale read after another process just refreshed', async () => {
    await install();
    const stale = (await installations.find({ teamId: NEW_TEAM, enterpriseId: null }))!;
    timers.advance(stale.botTokenExpiresAt!.getTime() - 3600_000 - timers.clock.now().getTime());
    const refreshed = await rotationFor('first').tokens.botTokenFor(NEW_TEAM);
    // A second process read the row before that refresh and only now gets to the lock.
    const client = createSlackWebClient({ slackApiUrl: fake.apiUrl, logger: rawLogger });
    const late = createTokenRotation({
      installations,
      client,
      ...CLIENT,
      clock: timers.clock,
      timers,
      logger: rawLogger,
    });
    expect(await late.fresh(stale)).toBe(refreshed);
    expect(
      fake.calls('oauth.v2.access').filter((call) => call.params.grant_type === 'refresh_token'),
    ).toHaveLength(1);
  });

  it('makes a process whose token already expired wait for the refresher’s result', async () => {
    await install();
    const saved = (await installations.find({ teamId: NEW_TEAM, enterpriseId: null }))!;
    timers.advance(saved.botTokenExpiresAt!.getTime() + 60_000 - timers.clock.now().getTime());
    expect(await installations.tryLockRefresh(saved.id, timers.clock.now(), 30_000)).toBe(true);
    const waiting = rotationFor('late').tokens.botTokenFor(NEW_TEAM);
    await vi.waitFor(() => expect(timers.pending()).toBeGreaterThan(0)); // it is polling
    // Another process finishes the refresh while this one polls.
    await installations.saveRefreshedBotToken(saved.id, {
      token: 'xoxe.xoxb-T0NEWTEAM1-refreshed-elsewhere',
      refreshToken: 'xoxe-1-elsewhere',
      expiresAt: new Date(timers.clock.now().getTime() + 12 * 3600_000),
    });
    timers.advance(500);
    await expect(waiting).resolves.toBe('xoxe.xoxb-T0NEWTEAM1-refreshed-elsewhere');
    expect(
      fake.calls('oauth.v2.access').filter((call) => call.params.grant_type === 'refresh_token'),
    ).toHaveLength(0);
  });
});

describe('leaving', () => {
  it('drops revoked tokens and forgets an uninstalled team; its events are then ignored', async () => {
    await install();
    const revoked = fixture<Record<string, unknown> & { event: { tokens: Record<string, string[]> } }>(
      'tokens_revoked',
    );
    revoked.team_id = NEW_TEAM;
    revoked.event.tokens = { oauth: ['U0ADMIN001'] };
    expect((await slack.sendEvent(revoked)).status).toBe(200);
    expect(await installations.find({ teamId: NEW_TEAM, enterpriseId: null })).toMatchObject({
      userToken: null,
    });

    const uninstalled = { ...fixture('app_uninstalled'), team_id: NEW_TEAM };
    expect((await slack.sendEvent(uninstalled)).status).toBe(200);
    expect(await installations.find({ teamId: NEW_TEAM, enterpriseId: null })).toBeNull();

    const mention = mentionFor(NEW_TEAM, 'Ev0AFTERUNINST');
    expect((await slack.sendEvent(mention)).status).toBe(200);
    await settle();
    expect(await db.prisma.task.count()).toBe(0);
  });
});

describe('tokens at rest and in logs', () => {
  it('never writes a plaintext token to the database or the logs', async () => {
    await install();
    const mention = mentionFor(NEW_TEAM, 'Ev0NEWTEAM02');
    await slack.sendEvent(mention);
    await vi.waitFor(() => expect(fake.calls('chat.postMessage')).toHaveLength(1));
    const saved = (await installations.find({ teamId: NEW_TEAM, enterpriseId: null }))!;
    timers.advance(saved.botTokenExpiresAt!.getTime() - 3600_000 - timers.clock.now().getTime());
    await rotationFor('x').tokens.botTokenFor(NEW_TEAM);
    expect(fake.calls('oauth.v2.access').some((call) => call.params.grant_type === 'refresh_token')).toBe(
      true,
    );

    const secrets = issuedTokens();
    expect(secrets.length).toBeGreaterThanOrEqual(4); // bot + user access, bot + user refresh (and the rotated pair)
    const tables = await db.prisma.$queryRawUnsafe<Array<{ table_name: string }>>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
    );
    let dump = '';
    for (const { table_name } of tables) {
      const rows = await db.prisma.$queryRawUnsafe<Array<{ row: string }>>(
        `SELECT row_to_json(t)::text AS row FROM "${table_name}" t`,
      );
      dump += rows.map((r) => r.row).join('\n');
    }
    expect(dump).toContain('v1.k2026.'); // the sealed tokens are there…
    const logs = logLines.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(dump.includes(secret), `token in the database: ${secret.slice(0, 12)}…`).toBe(false);
      expect(logs.includes(secret), `token in the logs: ${secret.slice(0, 12)}…`).toBe(false);
    }
  });
});
