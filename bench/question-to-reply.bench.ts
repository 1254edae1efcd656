/**
 * The bot's own overhead from question to reply, on the whole path a user sees: the
 * console API (intake, dedupe, persist, enqueue) → in-process queue → worker (claim,
 * lease, steps, stored result, delivery) → the real agent built from configuration, whose
 * model is a zero-latency scripted OpenAI endpoint on loopback (list_tables →
 * describe_table → execute_query → answer) over Kotae's MCP server on the DuckDB demo
 * estate. Timed from the POST until the answer replaces the placeholder, as seen on the
 * console's own event stream. Embedded PGlite (what `npm run dev` runs), and PostgreSQL
 * when KOTAE_BENCH_DATABASE_URL names a migrated database.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ensureDemoDataset } from '../src/mcp/duckdb/demo-dataset.ts';
import type { Kotae } from '../src/app/start-kotae.ts';
import { startBenchKotae } from './bench-kotae.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';
import { openEventStream } from './event-stream.ts';
import { startScriptedLlmServer } from './scripted-llm-server.ts';

const WARMUP = 5;
const SAMPLES = 60;

export async function bench(report: BenchReport): Promise<void> {
  const llm = await startScriptedLlmServer();
  const demo = await ensureDemoDataset(join(tmpdir(), 'kotae-bench-cache', 'demo.duckdb'));
  try {
    const databases: Array<[string, Record<string, string>]> = [['PGlite', {}]];
    const external = process.env['KOTAE_BENCH_DATABASE_URL'];
    if (external) databases.push(['PostgreSQL', { DATABASE_URL: external }]);
    for (const [name, env] of databases) {
      const kotae = await startBenchKotae({ demoPath: demo.path, openaiBaseURL: llm.openaiBaseURL }, env);
      try {
        const samples = await measure(kotae);
        report({
          name: `${name}: question → reply median`,
          value: median(samples),
          unit: 'ms',
          note: `${SAMPLES} questions, one at a time`,
        });
        report({ name: `${name}: question → reply p99`, value: percentile(samples, 99), unit: 'ms' });
      } finally {
        await kotae.stop();
      }
    }
  } finally {
    await llm.close();
  }
}

async function measure(kotae: Kotae): Promise<number[]> {
  const replies = new Map<string, () => void>();
  const stream = await openEventStream(`${kotae.url}/api/console/events?channel=general`, (view) => {
    if (view.author === 'bot' && view.html?.includes('data-testid="reply"')) replies.get(view.threadId)?.();
  });
  const samples: number[] = [];
  try {
    for (let i = 0; i < WARMUP + SAMPLES; i += 1) {
      const started = performance.now();
      const response = await fetch(`${kotae.url}/api/console/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'general', text: `先月の店舗別売上は？ (${i})`, locale: 'ja' }),
      });
      const { threadId } = (await response.json()) as { threadId: string };
      await new Promise<void>((resolve) => replies.set(threadId, resolve));
      replies.delete(threadId);
      if (i >= WARMUP) samples.push(performance.now() - started);
    }
  } finally {
    stream.close();
  }
  return samples;
}
