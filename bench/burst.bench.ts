/**
 * A burst of 50 questions at once into one `kotae dev` process (bot and worker, embedded
 * PGlite, the DuckDB demo estate), with a scripted model that takes 1 s per call and
 * answers with a table and a chart. Reports what an operator feels:
 * - the longest event-loop stall (monitorEventLoopDelay; goal ≤ 100 ms) and the slowest
 *   trivial GET /healthz probing the bot meanwhile;
 * - question → first visible feedback (the bot's first message in the thread, as the
 *   console's event stream shows it; goal p95 ≤ 1 s), and the POST's own answer time;
 * - peak RSS (goal ≤ 600 MB), where it sits (memory-sampler.ts), and its growth per task in flight;
 * - the time for all 50 at the default WORKER_CONCURRENCY.
 * The bot runs alone in a child process (kotae-process.ts); the 50 clients, the probe and the
 * model fake run here, in the parent, as users and the LLM are outside production's process.
 * PostgreSQL instead of PGlite when KOTAE_BENCH_DATABASE_URL names a migrated database.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDemoDataset } from '../src/mcp/duckdb/demo-dataset.ts';
import { startKotaeProcess } from './bench-kotae.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';
import { openEventStream } from './event-stream.ts';
import { reportMemory } from './memory-sampler.ts';
import { startScriptedLlmServer } from './scripted-llm-server.ts';

const QUESTIONS = 50;
const MODEL_LATENCY_MS = 1_000;

export async function bench(report: BenchReport): Promise<void> {
  const llm = await startScriptedLlmServer({ delayMs: MODEL_LATENCY_MS, chart: true });
  const demo = await ensureDemoDataset(join(tmpdir(), 'kotae-bench-cache', 'demo.duckdb'));
  const external = process.env['KOTAE_BENCH_DATABASE_URL'];
  const kotae = await startKotaeProcess(
    { demoPath: demo.path, openaiBaseURL: llm.openaiBaseURL },
    external ? { DATABASE_URL: external } : {},
  );
  const firstSeen = new Map<string, number>();
  const answered = new Map<string, number>();
  let allAnswered!: () => void;
  const done = new Promise<void>((resolve) => (allAnswered = resolve));
  const stream = await openEventStream(`${kotae.url}/api/console/events?channel=general`, (view) => {
    if (view.author !== 'bot') return;
    const now = performance.now();
    if (!firstSeen.has(view.threadId)) firstSeen.set(view.threadId, now);
    if (view.html?.includes('data-testid="reply"') && !answered.has(view.threadId)) {
      answered.set(view.threadId, now);
      if (answered.size === QUESTIONS) allAnswered();
    }
  });
  try {
    // One question first, alone: JIT, pools, the workspace row, chart workers warm.
    await ask(kotae.url, 'warm-up');
    await new Promise((resolve) => setTimeout(resolve, 8 * MODEL_LATENCY_MS));
    firstSeen.clear();
    answered.clear();

    const rssBefore = await kotae.mark();
    const probes: number[] = [];
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const started = performance.now();
        await (await fetch(`${kotae.url}/healthz`)).arrayBuffer();
        probes.push(performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
    })();

    const started = performance.now();
    const asked = await Promise.all(
      Array.from({ length: QUESTIONS }, async (_, i) => {
        const sent = performance.now();
        const threadId = await ask(kotae.url, `先月の店舗別売上は？ (${i})`);
        return { threadId, sent, posted: performance.now() - sent };
      }),
    );
    // Unref'd, so a finished run exits at once instead of holding the process for 5 minutes.
    await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 300_000).unref())]);
    const total = performance.now() - started;
    const { peak: rssPeak, loopMaxMs, loopP99Ms } = await kotae.measure();
    probing = false;
    await probe;

    const feedback = asked.map(({ threadId, sent }) => (firstSeen.get(threadId) ?? Number.NaN) - sent);
    const posts = asked.map((question) => question.posted);
    const concurrency = Number(process.env['WORKER_CONCURRENCY'] ?? 16);
    const note = `${QUESTIONS} at once, model ${MODEL_LATENCY_MS} ms/call, ${external ? 'PostgreSQL' : 'PGlite'}`;
    report({ name: 'longest event-loop stall', value: loopMaxMs, unit: 'ms', note: 'goal ≤ 100 ms' });
    report({ name: 'event-loop delay p99', value: loopP99Ms, unit: 'ms' });
    report({
      name: 'GET /healthz slowest',
      value: Math.max(...probes),
      unit: 'ms',
      note: `${probes.length} probes`,
    });
    report({ name: 'question → first feedback p50', value: median(feedback), unit: 'ms', note });
    report({
      name: 'question → first feedback p95',
      value: percentile(feedback, 95),
      unit: 'ms',
      note: 'goal ≤ 1 s',
    });
    report({ name: 'POST answered p95', value: percentile(posts, 95), unit: 'ms' });
    report({ name: 'peak RSS', value: rssPeak.rss / 2 ** 20, unit: 'MB', note: 'goal ≤ 600 MB' });
    reportMemory(report, { started: kotae.started, before: rssBefore, peak: rssPeak });
    report({
      name: 'RSS growth per task in flight',
      value: (rssPeak.rss - rssBefore.rss) / 2 ** 20 / Math.min(QUESTIONS, concurrency),
      unit: 'MB',
      note: `peak − before, over ${Math.min(QUESTIONS, concurrency)} in flight`,
    });
    report({
      name: `all ${QUESTIONS} answered`,
      value: total / 1000,
      unit: 's',
      note: `${answered.size} answered`,
    });
  } finally {
    stream.close();
    await kotae.stop();
    await llm.close();
  }
}

async function ask(url: string, text: string): Promise<string> {
  const response = await fetch(`${url}/api/console/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ channel: 'general', text, locale: 'ja' }),
  });
  const { threadId } = (await response.json()) as { threadId: string };
  return threadId;
}
