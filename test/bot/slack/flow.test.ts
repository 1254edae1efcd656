/**
 * A question from @mention to answer, through the real worker: placeholder, throttled
 * step updates, the final answer, and the chart, all in the asker's thread; and the same
 * event delivered four times still yields one task and one answer.
 *
 * The thinking is a scripted TaskHandler (the agent is built elsewhere); everything
 * between Slack and it is real: Bolt, intake, the database, the in-process queue, the
 * worker, the Slack platform adapter and the @slack/web-api client against the fake Slack.
 *
 * If this breaks, users see a question acknowledged and never answered, an answer posted
 * twice after a Slack retry, progress that floods the thread, or a chart that lands in the
 * channel instead of the thread.
 */
import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import type { TaskContext, TaskHandler, TaskOutcome } from '../../../src/core/ports/task-handler.ts';
import type { Worker } from '../../../src/worker/worker.ts';
import { fixture, settle, startSlackHarness, useSlackHarness } from '../../support/slack-harness.ts';
import { startTestWorker } from '../../support/test-worker.ts';

const CHANNEL = 'C123ABC456';
const THREAD = '1515449522.000016';

const ctx = useSlackHarness({
  beforeClose: async () => {
    await worker?.stop();
    worker = null;
  },
});
let worker: Worker | null = null;

function chartPng(): Uint8Array {
  const canvas = createCanvas(80, 40);
  const context = canvas.getContext('2d');
  context.fillStyle = '#2b6cb0';
  context.fillRect(10, 10, 20, 30);
  context.fillRect(40, 20, 20, 20);
  return new Uint8Array(canvas.toBuffer('image/png'));
}

/** Three steps, then waits for the test to let it finish, then answers with a chart. */
function scriptedHandler(gate: Promise<void>, png: Uint8Array, runs: string[]): TaskHandler {
  return {
    async run(context: TaskContext): Promise<TaskOutcome> {
      runs.push(context.task.id);
      context.startStep('テーブルを探しています').finish();
      context.startStep('クエリを実行しています').finish({ label: 'クエリを実行しました（12 MB）' });
      const chart = context.startStep('グラフを作成しています');
      await gate;
      chart.finish();
      return {
        reply: {
          kind: 'answer',
          locale: 'ja',
          text: '先月の売上トップは東京都（1.2億円）でした。',
          chart: {
            spec: { type: 'bar', title: '都道府県別売上', x: 'prefecture', y: ['sales'], data: [] } as never,
            png,
            altText: '都道府県別売上の棒グラフ',
          },
          provenance: {
            sql: ['SELECT prefecture, SUM(amount) AS sales FROM orders GROUP BY 1'],
            bytesProcessed: 12e6,
            rows: 47,
            durationMs: 800,
          },
          actions: [{ kind: 'show_sql', taskId: context.task.id }],
        },
        turn: { sql: ['SELECT 1'], resultSummary: '47 rows' },
      };
    },
  };
}

/** Moves the manual clock a second at a time, letting real I/O run, until `done` holds. */
async function drive(done: () => Promise<boolean> | boolean, limit = 500): Promise<void> {
  for (let i = 0; i < limit; i += 1) {
    if (await done()) return;
    ctx.slack.timers.advance(1000);
    await settle(3);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(
    `the flow did not finish: ${JSON.stringify(ctx.slack.fake.calls().map((c) => [c.method, c.status, c.error, c.params.text]))} ${JSON.stringify(await ctx.db.prisma.task.findMany({ select: { status: true, errorCode: true, errorMessage: true, placeholderId: true } }))}`,
  );
}

describe('a question answered in its thread', () => {
  it('shows a placeholder, throttled steps, the answer and the chart, in the thread', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const png = chartPng();
    const runs: string[] = [];
    worker = await startTestWorker({
      prisma: ctx.db.prisma,
      queue: ctx.slack.queue,
      platform: ctx.slack.app.platform,
      handler: scriptedHandler(gate, png, runs),
      clock: ctx.slack.clock,
    });

    expect((await ctx.slack.sendEvent(fixture('app_mention'))).status).toBe(200);
    const shown = () =>
      ctx.slack.fake.messages(CHANNEL)[0]?.history.map((v) => JSON.stringify(v.blocks ?? [])) ?? [];
    await drive(() => shown().some((blocks) => blocks.includes('グラフを作成しています')));
    open();
    await drive(async () => (await ctx.db.prisma.task.findFirstOrThrow()).status === 'COMPLETED');

    const messages = ctx.slack.fake.messages(CHANNEL);
    expect(messages).toHaveLength(1);
    const [answer] = messages;
    expect(answer!.threadTs).toBe(THREAD);
    const versions = answer!.history.map((version) => JSON.stringify(version.blocks));
    expect(answer!.history[0]!.text).toBe('考え中…');
    // Steps appear as they happen, then the answer replaces them exactly once.
    expect(versions.slice(1, -1).some((blocks) => blocks.includes('クエリを実行しました（12 MB）'))).toBe(
      true,
    );
    expect(versions.filter((blocks) => blocks.includes('先月の売上トップは東京都'))).toHaveLength(1);
    const final = versions.at(-1)!;
    expect(final).toContain('先月の売上トップは東京都（1.2億円）でした。');
    expect(final).toContain('"action_id":"kotae_show_sql"');
    expect(final).not.toContain('"type":"image"'); // the uploaded chart already shows in the thread

    // Throttled: edits of the one message are at least a second apart on the clock.
    const edits = ctx.slack.fake.calls('chat.update').map((call) => call.at);
    expect(edits.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < edits.length; i += 1) expect(edits[i]! - edits[i - 1]!).toBeGreaterThanOrEqual(1000);

    const files = [...ctx.slack.fake.state.files.values()];
    expect(files).toHaveLength(1);
    expect(files[0]).toMatchObject({
      completed: true,
      channel: CHANNEL,
      threadTs: THREAD,
      title: '都道府県別売上',
    });
    expect(new Uint8Array(files[0]!.bytes!)).toEqual(png);
    expect(runs).toHaveLength(1);
  });

  it('answers once when Slack delivers the event four times', async () => {
    const second = await startSlackHarness({
      prisma: ctx.db.prisma,
      fake: ctx.slack.fake,
      timers: ctx.slack.timers,
    });
    const runs: string[] = [];
    worker = await startTestWorker({
      prisma: ctx.db.prisma,
      queue: ctx.slack.queue,
      platform: ctx.slack.app.platform,
      handler: scriptedHandler(Promise.resolve(), chartPng(), runs),
      clock: ctx.slack.clock,
    });
    const event = fixture('app_mention');
    try {
      // The first delivery and a concurrent copy, at 0 s.
      const [first, copy] = await Promise.all([ctx.slack.sendEvent(event), ctx.slack.sendEvent(event)]);
      // Slack's retries: after 3 s (timeout) to the same process, after 60 s to another one.
      ctx.slack.timers.advance(3_000);
      const retry1 = await ctx.slack.sendEvent(event, { retryNum: 1, retryReason: 'http_timeout' });
      ctx.slack.timers.advance(57_000);
      const retry2 = await second.sendEvent(event, { retryNum: 2, retryReason: 'http_timeout' });
      expect([first.status, copy.status, retry1.status, retry2.status]).toEqual([200, 200, 200, 200]);

      await drive(async () => (await ctx.db.prisma.task.findFirst())?.status === 'COMPLETED');
      await settle();
      expect(await ctx.db.prisma.task.count()).toBe(1);
      expect(runs).toHaveLength(1);
      const messages = ctx.slack.fake.messages(CHANNEL);
      expect(messages).toHaveLength(1);
      const finals = messages[0]!.history.filter((version) =>
        JSON.stringify(version.blocks).includes('先月の売上トップ'),
      );
      expect(finals).toHaveLength(1);
      expect(ctx.slack.fake.state.files.size).toBe(1);
    } finally {
      await second.close();
    }
  });
});
