/**
 * `/kotae limits` and `/kotae usage` as a Slack slash command, through the real composition
 * root (startKotae) and its default AdminPolicy (the Admin table). If this breaks, the verbs
 * exist in code but a Slack team cannot reach them, or the usage chart never shows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { signSlackRequest } from '../../src/bot/slack/slack-verify.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { fixture } from '../support/slack-harness.ts';
import { startTestKotae } from '../support/test-kotae.ts';

const SECRET = 'e2e-signing-secret';
const TEAM = 'T123ABC456';

describe('budget and usage commands on Slack', () => {
  let db: TestDatabase;
  let fake: FakeSlack;
  let kotae: Kotae;
  let workspaceId: string;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    fake = await startFakeSlack();
    const botToken = fake.addBot(TEAM, { botUserId: 'U0LAN0Z89', botId: 'B0KOTAE' });
    kotae = await startTestKotae(db, {
      handler: null,
      env: {
        SLACK_SIGNING_SECRET: SECRET,
        SLACK_BOT_TOKEN: botToken,
        SLACK_API_URL: fake.apiUrl,
        KOTAE_LOCALE: 'en',
      },
    });
    const workspace = await db.prisma.workspace.create({
      data: { platform: 'SLACK', externalId: TEAM, locale: 'en', admins: { create: { userId: 'U-ADMIN' } } },
    });
    workspaceId = workspace.id;
  });
  afterAll(async () => {
    await kotae?.stop();
    await fake?.close();
    await db?.drop();
  });

  async function slash(text: string, userId: string): Promise<{ text: string; blocks?: unknown[] }> {
    const body = new URLSearchParams({
      ...fixture<Record<string, string>>('slash_command'),
      text,
      user_id: userId,
      trigger_id: `${Math.random()}`,
    }).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${kotae.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
      },
      body,
    });
    expect(response.status).toBe(200);
    return (await response.json()) as { text: string; blocks?: unknown[] };
  }

  it('lets only an admin set a budget, and shows it to anyone', async () => {
    const refused = await slash('limits bytes-per-day=1GB', 'U-MEMBER');
    // Admins are named as Slack display names (users.info), "@" + id when Slack does not know them.
    expect(refused.text).toContain('Only an admin can change limits. Ask an admin (@U-ADMIN)');
    const saved = await slash('limits bytes-per-day=1GB', 'U-ADMIN');
    expect(saved.text).toContain('Limits saved.');
    expect(await db.prisma.channelBudget.findMany()).toMatchObject([
      { workspaceId, channelId: 'C2147483705', bytesPerDay: 1024n ** 3n },
    ]);
    const shown = await slash('limits', 'U-MEMBER');
    expect(shown.text).toContain('1 GB (set for this channel)');
    const bad = await slash('limits bytes-per-day=abc', 'U-ADMIN');
    expect(bad.text).toContain('Usage: /kotae limits bytes-per-day=');
    expect(bad.text).toContain('"abc" is not a size.');
  });

  it('answers usage with a table and a chart Slack can fetch', async () => {
    const now = new Date();
    await db.prisma.task.create({
      data: {
        id: 'task-usage-1',
        kind: 'QUESTION',
        status: 'COMPLETED',
        idempotencyKey: 'usage-1',
        workspaceId,
        workspaceKey: TEAM,
        platform: 'SLACK',
        channelId: 'C2147483705',
        threadId: '',
        userId: 'U-MEMBER',
        question: 'q',
        locale: 'en',
        timeZone: 'UTC',
        inputTokens: 1000,
        outputTokens: 200,
        createdAt: new Date(now.getTime() - 2_000),
        completedAt: now,
      },
    });
    await db.prisma.queryLog.create({
      data: {
        taskId: 'task-usage-1',
        workspaceId,
        channelId: 'C2147483705',
        userId: 'U-MEMBER',
        backend: 'bigquery',
        sql: 'SELECT 1',
        verdict: 'EXECUTED',
        bytesProcessed: 5n * 1024n ** 3n,
        durationMs: 10,
        createdAt: new Date(now.getTime() - 1_000),
      },
    });
    const answer = await slash('usage today', 'U-ADMIN');
    expect(answer.text).toContain('Workspace usage');
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toContain('C2147483705');
    const image = /"image_url":"([^"]+)"/.exec(blocks)?.[1];
    expect(image).toMatch(/\/charts\/[0-9a-f-]+\.png\?exp=\d+&sig=/);
    const png = await fetch(new URL(new URL(image!).pathname + new URL(image!).search, kotae.url));
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
  });
});
