/**
 * Slack through the real composition root (startKotae): the environment a deployment sets,
 * the bot's one HTTP server, the worker, the shared converter, the fake Slack Web API.
 * If this fails, a team that configured Slack as docs/slack.md says gets no answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { parsePrometheusText, sample } from '../support/prometheus-text.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';
import { fixture } from '../support/slack-harness.ts';
import { slackPoster } from '../support/slack-signed-post.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

const SECRET = 'e2e-signing-secret';

describe('Slack in the composition root', () => {
  let db: TestDatabase;
  let fake: FakeSlack;
  let kotae: Kotae;

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    fake = await startFakeSlack();
    const botToken = fake.addBot('T123ABC456', { botUserId: 'U0LAN0Z89', botId: 'B0KOTAE' });
    kotae = await startTestKotae(db, {
      handler: createScriptedHandler(),
      env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: fake.apiUrl },
    });
  });
  afterAll(async () => {
    await kotae?.stop();
    await fake?.close();
    await db?.drop();
  });

  const slack = slackPoster(() => kotae.url, SECRET);

  it('answers a mention in its thread, and shows the SQL to whoever asks', async () => {
    expect(fake.calls('auth.test')).toHaveLength(1); // the bot token was checked at start
    const response = await slack.event(fixture('app_mention'));
    expect(response.status).toBe(200);

    const answer = await eventually(async () => {
      const message = fake.messages('C123ABC456')[0];
      return message && JSON.stringify(message.blocks).includes('先月の売上トップは東京都です。')
        ? message
        : undefined;
    });
    expect(answer.threadTs).toBe('1515449522.000016');
    expect(fake.messages('C123ABC456')).toHaveLength(1);
    const blocks = JSON.stringify(answer.blocks);
    expect(blocks).toContain('東京都');
    const buttons = (
      answer.blocks as Array<{ type: string; elements?: Array<{ action_id?: string; value?: string }> }>
    )
      .filter((block) => block.type === 'actions')
      .flatMap((block) => block.elements ?? []);
    const showSql = buttons.find((element) => element.action_id === 'kotae_show_sql');
    expect(showSql?.value).toBeTruthy();

    const click = fixture<{ actions: Array<Record<string, unknown>>; response_url: string }>('block_actions');
    click.actions[0]!.value = showSql!.value;
    click.response_url = fake.responseUrl('e2e');
    const clicked = await slack.interaction(click);
    expect(clicked.status).toBe(200);
    const shown = await eventually(async () => fake.state.responseUrlPosts[0]);
    // Formatted: one clause per line.
    expect(JSON.stringify(shown.body)).toContain('FROM\\n  retail.orders');
  });

  it('rides out a 429 from Slack and counts it in /metrics', async () => {
    const scrape = async () => parsePrometheusText(await (await fetch(`${kotae.url}/metrics`)).text());
    const before = await scrape();
    fake.rateLimit({ method: 'chat.postMessage', channel: 'C0LIMITED1', retryAfterSeconds: 1, times: 1 });
    const event = fixture<{ event_id: string; event: Record<string, unknown> }>('app_mention');
    event.event_id = 'Ev0RATELIMIT1';
    event.event['channel'] = 'C0LIMITED1';
    event.event['ts'] = '1515449600.000001';
    delete event.event['thread_ts'];
    const response = await slack.event(event);
    expect(response.status).toBe(200);

    await eventually(async () => {
      const message = fake.messages('C0LIMITED1')[0];
      return message && JSON.stringify(message.blocks).includes('先月の売上トップは東京都です。')
        ? message
        : undefined;
    });
    expect(fake.messages('C0LIMITED1')).toHaveLength(1);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      sample(after, name, labels) - sample(before, name, labels);
    // The 429 was waited out, not surfaced: counted once, and no call ended in failure.
    expect(moved('kotae_platform_rate_limited_total', { platform: 'slack' })).toBe(1);
    for (const operation of ['post', 'update', 'upload']) {
      for (const outcome of ['rate_limited', 'error']) {
        expect(moved('kotae_platform_api_calls_total', { platform: 'slack', operation, outcome })).toBe(0);
      }
    }
  });
});
