/**
 * The sandbox: a worker's cold start, the overhead of one warm call (goal ≤ 2 ms), and a
 * 100k-row group-by in QuickJS against the same code and library in plain V8.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Sandbox } from '../src/core/ports/sandbox.ts';
import { createSandbox } from '../src/sandbox/create-sandbox.ts';
import { ANALYSIS_LIBRARY_FUNCTIONS, ANALYSIS_LIBRARY_SOURCE } from '../src/sandbox/analysis-library.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';

const WARM_CALLS = 1_000;
const GROUP_BY_RUNS = 5;
const PREFECTURES = [
  '北海道',
  '東京都',
  '神奈川県',
  '愛知県',
  '大阪府',
  '京都府',
  '兵庫県',
  '福岡県',
  '沖縄県',
  '宮城県',
];
const GROUP_BY_CODE = `return group(inputs.orders, 'prefecture', {
  sales: (rows) => sum(rows, 'amount'),
  orders: (rows) => rows.length,
  median: (rows) => median(rows, 'amount'),
});`;

async function warmCalls(sandbox: Sandbox, pauseMs: number) {
  const wall: number[] = [];
  const inVm: number[] = [];
  let cpuMicros = 0;
  for (let i = 0; i < WARM_CALLS; i++) {
    if (pauseMs > 0) await sleep(pauseMs);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await sandbox.run({ code: 'return inputs.x + 1', inputs: { x: i } });
    wall.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    cpuMicros += used.user + used.system;
    inVm.push(result.durationMs);
  }
  return { wall, inVm, cpuMs: cpuMicros / 1000 / WARM_CALLS };
}

function orders(count: number) {
  return Array.from({ length: count }, (_, i) => ({
    order_id: i,
    prefecture: PREFECTURES[(i * 7) % PREFECTURES.length]!,
    store: `S${i % 500}`,
    amount: 500 + ((i * 7919) % 20_000),
  }));
}

/** The library and the model's code as a plain V8 function, for the side-by-side. */
function plainV8(code: string): (inputs: unknown) => unknown {
  const library: Record<string, unknown> = {};
  new Function('globalThis', ANALYSIS_LIBRARY_SOURCE.replace(/\(globalThis\);\s*$/, '(globalThis);'))(
    library,
  );
  const fn = new Function(...ANALYSIS_LIBRARY_FUNCTIONS, 'inputs', code) as (...args: unknown[]) => unknown;
  return (inputs) => fn(...ANALYSIS_LIBRARY_FUNCTIONS.map((name) => library[name]), inputs);
}

export async function bench(report: BenchReport): Promise<void> {
  const coldStarted = performance.now();
  const sandbox = createSandbox({ poolSize: 1 });
  const first = await sandbox.run({ code: 'return 1', inputs: {} });
  if (!first.ok) throw new Error(`sandbox failed: ${first.error.message}`);
  report({
    name: 'cold start to first result',
    value: performance.now() - coldStarted,
    unit: 'ms',
    note: 'one worker, QuickJS load + warm-up run',
  });

  for (let i = 0; i < 50; i++) await sandbox.run({ code: 'return 1', inputs: {} });
  // Back to back: each call also waits for the worker to prepare the next VM (~1.5 ms).
  const tight = await warmCalls(sandbox, 0);
  report({
    name: 'warm call back to back, wall median',
    value: median(tight.wall),
    unit: 'ms',
    note: `${WARM_CALLS} calls`,
  });
  report({ name: 'warm call back to back, wall p99', value: percentile(tight.wall, 99), unit: 'ms' });
  report({
    name: 'warm call back to back, CPU per call',
    value: tight.cpuMs,
    unit: 'ms',
    note: 'all threads',
  });
  // Spaced like an agent's calls (seconds apart in practice): the next VM is ready in advance.
  const spaced = await warmCalls(sandbox, 10);
  report({
    name: 'warm call spaced, wall median',
    value: median(spaced.wall),
    unit: 'ms',
    note: `goal ≤ 2 ms; ${WARM_CALLS} calls 10 ms apart`,
  });
  report({ name: 'warm call spaced, wall p99', value: percentile(spaced.wall, 99), unit: 'ms' });
  report({
    name: 'warm call spaced, inside the worker median',
    value: median(spaced.inVm),
    unit: 'ms',
    note: 'compile + inputs + run + serialize',
  });
  await sandbox.close();

  const inputs = { orders: orders(100_000) };
  const big = createSandbox({ poolSize: 1, memoryBytes: 256 * 1024 * 1024, timeoutMs: 60_000 });
  await big.run({ code: 'return 1', inputs: {} });
  const sandboxTimes: number[] = [];
  const vmTimes: number[] = [];
  let sandboxCpu = 0;
  let expected: unknown;
  for (let i = 0; i < GROUP_BY_RUNS; i++) {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const result = await big.run({ code: GROUP_BY_CODE, inputs });
    sandboxTimes.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    sandboxCpu += used.user + used.system;
    if (!result.ok) throw new Error(`group-by failed: ${result.error.kind} ${result.error.message}`);
    vmTimes.push(result.durationMs);
    expected = result.value;
  }
  await big.close();
  const v8 = plainV8(GROUP_BY_CODE);
  const v8Times: number[] = [];
  let v8Cpu = 0;
  for (let i = 0; i < GROUP_BY_RUNS; i++) {
    const copy = structuredClone(inputs);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const value = v8(copy);
    v8Times.push(performance.now() - started);
    const used = process.cpuUsage(cpu);
    v8Cpu += used.user + used.system;
    if (JSON.stringify(value) !== JSON.stringify(expected)) throw new Error('QuickJS and V8 disagree');
  }
  const note = `100k rows, 10 groups, sum + count + median; median of ${GROUP_BY_RUNS}`;
  report({
    name: '100k-row group-by in the sandbox, wall',
    value: median(sandboxTimes),
    unit: 'ms',
    note: `${note}; JSON in, parsed in QuickJS`,
  });
  report({ name: '100k-row group-by in the sandbox, inside the worker', value: median(vmTimes), unit: 'ms' });
  report({
    name: '100k-row group-by in the sandbox, CPU per run',
    value: sandboxCpu / 1000 / GROUP_BY_RUNS,
    unit: 'ms',
    note: 'all threads, serialising included',
  });
  report({
    name: '100k-row group-by in plain V8, wall',
    value: median(v8Times),
    unit: 'ms',
    note: 'same code and library, on objects already in the heap',
  });
  report({
    name: '100k-row group-by in plain V8, CPU per run',
    value: v8Cpu / 1000 / GROUP_BY_RUNS,
    unit: 'ms',
  });
  report({ name: 'sandbox / plain V8, CPU', value: sandboxCpu / v8Cpu, unit: '×' });

  // The same group-by timed inside QuickJS, to split compute from marshalling the inputs in.
  const timed = createSandbox({ poolSize: 1, memoryBytes: 256 * 1024 * 1024, timeoutMs: 60_000 });
  const computeTimes: number[] = [];
  for (let i = 0; i < GROUP_BY_RUNS; i++) {
    const code = `const started = Date.now();\nconst result = (() => { ${GROUP_BY_CODE} })();\nreturn Date.now() - started;`;
    const result = await timed.run({ code, inputs });
    if (!result.ok) throw new Error(`timed group-by failed: ${result.error.message}`);
    computeTimes.push(result.value as number);
  }
  await timed.close();
  report({
    name: '100k-row group-by, compute only inside QuickJS',
    value: median(computeTimes),
    unit: 'ms',
    note: 'the rest of the wall time is JSON out of V8, across threads and parsed in QuickJS',
  });

  // How far the default 64 MB goes: the largest of these that still fits.
  const fits: number[] = [];
  const probe = createSandbox({ poolSize: 1, timeoutMs: 30_000 });
  for (const rows of [10_000, 50_000, 100_000, 200_000]) {
    const result = await probe.run({ code: GROUP_BY_CODE, inputs: { orders: orders(rows) } });
    if (result.ok) fits.push(rows);
    else if (result.error.kind !== 'memory') throw new Error(`${rows} rows: ${result.error.message}`);
  }
  await probe.close();
  report({
    name: 'largest order table grouped within the default 64 MB',
    value: Math.max(0, ...fits),
    unit: 'rows',
    note: 'of 10k / 50k / 100k / 200k',
  });
}
