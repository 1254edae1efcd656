/**
 * The whole product on Slack, with only the LLM scripted: an @mention, signed like Slack
 * signs it, goes through the bot's HTTP server, Bolt, intake, the queue and the worker to
 * the real agent, whose model (the real `openai` SDK against a fake vendor server) queries
 * Kotae's MCP warehouse over the DuckDB demo estate, runs an analysis in the sandbox and
 * draws a chart. In the asker's thread on the fake Slack: the placeholder, then the steps,
 * then the answer with its table and buttons, and the chart PNG uploaded there.
 * If this breaks, someone asking @Kotae in Slack gets no answer, or one in the wrong place.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { createModelResolver } from '../../src/agent/models/model-resolver.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { signSlackRequest } from '../../src/bot/slack/slack-verify.ts';
import type { Sandbox } from '../../src/core/ports/sandbox.ts';
import { createDuckDbBackend } from '../../src/mcp/duckdb/duckdb-backend.ts';
import type { WarehouseBackend } from '../../src/mcp/warehouse-backend.ts';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';
import { startFakeSlack, type FakeSlack } from '../fakes/slack/fake-slack.ts';
import { startFakeProvider, type FakeProvider } from '../support/agent/fake-providers.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { pngSize } from '../support/png-pixels.ts';
import { fixture } from '../support/slack-harness.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';
import { createDemoAgent, topStoresChartTurns } from '../support/agent/demo-agent.ts';

const SECRET = 'e2e-agent-signing-secret';
const CHANNEL = 'C123ABC456';
const THREAD = '1515449522.000016';

describe('a Slack question answered by the agent', () => {
  let database: TestDatabase;
  let backend: WarehouseBackend;
  let sandbox: Sandbox;
  let provider: FakeProvider & { config: Parameters<typeof createModelResolver>[0] };
  let slack: FakeSlack;
  let kotae: Kotae;

  beforeAll(async () => {
    [database, backend, provider, slack] = await Promise.all([
      createTestDatabase('postgres'),
      sharedDemoPath().then((path) => createDuckDbBackend({ path })),
      startFakeProvider('openai') as Promise<typeof provider>,
      startFakeSlack(),
    ]);
    sandbox = createSandbox({ poolSize: 1 });
    const agent = createDemoAgent({ models: provider.config, backend, sandbox });
    const botToken = slack.addBot('T123ABC456', { botUserId: 'U0LAN0Z89', botId: 'B0KOTAE' });
    kotae = await startTestKotae(database, {
      handler: agent,
      env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: botToken, SLACK_API_URL: slack.apiUrl },
    });
  });
  afterAll(async () => {
    await kotae?.stop();
    await Promise.all([slack?.close(), provider?.close(), sandbox?.close(), backend?.close()]);
    await database?.drop();
  });

  it('posts the placeholder, the steps, the answer and the chart in the thread', async () => {
    provider.script(...topStoresChartTurns(), { text: '2025年12月の売上上位5店舗と構成比です。' });
    const mention = fixture<{ event: { text: string } }>('app_mention');
    mention.event.text = '<@U0LAN0Z89> 2025年12月の売上上位5店舗は？';
    const raw = JSON.stringify(mention);
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(`${kotae.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(SECRET, timestamp, raw),
      },
      body: raw,
    });
    expect(response.status).toBe(200);

    const task = await eventually(async () => {
      const found = await database.prisma.task.findFirst();
      return found && (found.status === 'COMPLETED' || found.status === 'FAILED') ? found : undefined;
    }, 60_000);
    expect(task.status).toBe('COMPLETED');

    // One message in the thread: the placeholder, edited into steps, then into the answer.
    const messages = slack.messages(CHANNEL);
    expect(messages).toHaveLength(1);
    const [message] = messages;
    expect(message!.threadTs).toBe(THREAD);
    expect(message!.history[0]!.text).toBe('考え中…');
    const versions = message!.history.map((version) => JSON.stringify(version.blocks ?? []));
    expect(
      versions.filter((blocks) => blocks.includes('2025年12月の売上上位5店舗と構成比です。')),
    ).toHaveLength(1);
    const final = message!.blocks as Array<{ type: string; elements?: Array<{ action_id?: string }> }>;
    expect(final.some((block) => block.type === 'table')).toBe(true);
    expect(final.some((block) => block.type === 'image')).toBe(false); // the upload shows itself
    const buttons = final.flatMap((block) => block.elements ?? []).map((element) => element.action_id);
    expect(buttons).toContain('kotae_show_sql');

    // The chart: a real 800×450 PNG, uploaded into the same thread before the answer.
    const files = [...slack.state.files.values()];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({ completed: true, channel: CHANNEL, threadTs: THREAD });
    expect(pngSize(new Uint8Array(files[0]!.bytes!))).toEqual({ width: 800, height: 450 });
    const order = slack.calls().map((call) => call.method);
    expect(order.lastIndexOf('files.completeUploadExternal')).toBeLessThan(order.lastIndexOf('chat.update'));

    // The steps the agent took are in the task, in order.
    const steps = await kotae.stores.steps.list(task.id);
    expect(steps.map((step) => step.status)).toEqual(['DONE', 'DONE', 'DONE', 'DONE', 'DONE', 'DONE']);
  });
});
