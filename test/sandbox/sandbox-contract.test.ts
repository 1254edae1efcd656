/**
 * The code contract the model relies on: its code is a function body over `inputs`, it
 * `return`s JSON, `console.log` comes back as logs, and errors point at the model's own line.
 * If these broke, the model would get wrong data back, or error messages it cannot act on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isKotaeError } from '../../src/core/errors.ts';
import type { Sandbox } from '../../src/core/ports/sandbox.ts';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';
import {
  DEFAULT_SANDBOX_LIMITS,
  describeSandboxLimits,
  resolveSandboxLimits,
} from '../../src/sandbox/sandbox-limits.ts';

let sandbox: Sandbox;

beforeAll(() => {
  sandbox = createSandbox({ poolSize: 1, outputBytes: 64 * 1024 });
});

afterAll(async () => {
  await sandbox.close();
});

describe('inputs and return values', () => {
  it('round-trips inputs exactly, Japanese text and nulls included', async () => {
    const inputs = {
      orders: [
        { store: '渋谷店', prefecture: '東京都', amount: 1200.5, returned: false, note: null },
        { store: 'Umeda "North"', prefecture: '大阪府', amount: -3, returned: true, note: 'line\nbreak 😀' },
      ],
      meta: { nested: { deep: [1, [2, [3]]] }, empty: [] },
    };
    const result = await sandbox.run({ code: 'return inputs;', inputs });
    expect(result).toMatchObject({ ok: true, value: inputs });
  });

  it('passes BigInt counts (as DuckDB returns them) and dates in as plain JSON values', async () => {
    const inputs = { rows: [{ n: 42n, big: 2n ** 70n, day: new Date('2026-01-05T00:00:00Z') }] };
    const code = 'const r = inputs.rows[0];\nreturn [typeof r.n, r.n, typeof r.big, r.big, r.day];';
    const result = await sandbox.run({ code, inputs });
    expect(result).toMatchObject({
      ok: true,
      value: ['number', 42, 'string', (2n ** 70n).toString(), '2026-01-05T00:00:00.000Z'],
    });
  });

  it('gives the model copies: changing inputs inside the sandbox leaves the caller’s data alone', async () => {
    const inputs = { rows: [{ a: 1 }] };
    await sandbox.run({ code: 'inputs.rows[0].a = 99; inputs.rows.push({});', inputs });
    expect(inputs).toEqual({ rows: [{ a: 1 }] });
  });

  it('returns null for no return value and drops what JSON cannot hold', async () => {
    expect(await sandbox.run({ code: 'const x = 1;', inputs: {} })).toMatchObject({ ok: true, value: null });
    const result = await sandbox.run({ code: 'return { f() {}, u: undefined, n: NaN, ok: 1 };', inputs: {} });
    expect(result).toMatchObject({ ok: true, value: { n: null, ok: 1 } });
  });

  it('supports await on the model’s own promises', async () => {
    const code =
      'const x = await Promise.resolve(20);\nconst y = await new Promise((r) => r(22));\nreturn x + y;';
    expect(await sandbox.run({ code, inputs: {} })).toMatchObject({ ok: true, value: 42 });
  });

  it('says so when the returned promise can never settle', async () => {
    const result = await sandbox.run({ code: 'await new Promise(() => {});', inputs: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: expect.stringContaining('never settled') },
    });
  });

  it('lets the model shadow library names with its own variables', async () => {
    const code =
      'let sum = 0;\nfor (const x of inputs.xs) sum += x;\nconst mean = sum / inputs.xs.length;\nreturn { sum, mean };';
    expect(await sandbox.run({ code, inputs: { xs: [2, 4] } })).toMatchObject({
      ok: true,
      value: { sum: 6, mean: 3 },
    });
  });

  it('reports a value that cannot become JSON as a runtime error', async () => {
    const result = await sandbox.run({ code: 'const a = {};\na.self = a;\nreturn a;', inputs: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: expect.stringContaining('JSON') },
    });
  });
});

describe('error line numbers, relative to the model’s code', () => {
  it('points a syntax error at its line', async () => {
    const result = await sandbox.run({
      code: 'const a = 1;\nconst b = 2;\nconst c = ;\nreturn a;',
      inputs: {},
    });
    expect(result).toMatchObject({ ok: false, error: { kind: 'syntax', line: 3 } });
  });

  it('points an unclosed brace at the last line of the code, not at our wrapper', async () => {
    const result = await sandbox.run({ code: 'const a = 1;\nif (a) {\n  return a;', inputs: {} });
    expect(result).toMatchObject({ ok: false, error: { kind: 'syntax', line: 3 } });
  });

  it('points a runtime error at its line, even inside a helper function of the model', async () => {
    const code = [
      'function share(row) {',
      '  return row.amount.value;',
      '}',
      '',
      'return inputs.rows.map(share);',
    ].join('\n');
    const result = await sandbox.run({ code, inputs: { rows: [{ amount: null }] } });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'runtime', line: 2, message: expect.stringContaining('TypeError') },
    });
  });

  it('points a library misuse at the model’s call, with the helper’s name in the message', async () => {
    const code = 'const rows = inputs.rows;\n\nconst total = sum(rows, "amount");\nreturn total;';
    const result = await sandbox.run({ code, inputs: { rows: [{ amount: 1 }, { amount: 'abc' }] } });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'runtime', line: 3, message: 'TypeError: sum: value at index 1 is not a number: "abc"' },
    });
  });

  it('reports a thrown non-Error value', async () => {
    const result = await sandbox.run({ code: 'throw "no data for 2026";', inputs: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'runtime', message: 'Uncaught no data for 2026' },
    });
  });
});

describe('logs and the output cap', () => {
  it('captures console output, objects as JSON', async () => {
    const code =
      'console.log("rows", inputs.rows.length);\nconsole.warn({ a: 1 });\nconsole.error(new RangeError("bad"));\nreturn 1;';
    const result = await sandbox.run({ code, inputs: { rows: [1, 2] } });
    expect(result).toMatchObject({ ok: true, logs: ['rows 2', '[warn] {"a":1}', '[error] RangeError: bad'] });
  });

  it('keeps logs from a run that failed', async () => {
    const result = await sandbox.run({ code: 'console.log("step 1");\nnull.x;', inputs: {} });
    expect(result).toMatchObject({ ok: false, logs: ['step 1'], error: { line: 2 } });
  });

  it('bounds the number of log lines', async () => {
    const result = await sandbox.run({
      code: 'for (let i = 0; i < 1000; i++) console.log(i);\nreturn 1;',
      inputs: {},
    });
    expect(result.logs).toHaveLength(201);
    expect(result.logs.at(-1)).toBe('… 800 more log lines dropped');
  });

  it('fails a return value over the output limit, saying how to fix it', async () => {
    const result = await sandbox.run({ code: 'return "あ".repeat(30000);', inputs: {} });
    expect(result).toMatchObject({
      ok: false,
      error: { kind: 'output', message: expect.stringContaining('summary') },
    });
  });

  it('trims logs so value plus logs stay within the output limit', async () => {
    const code = 'for (let i = 0; i < 100; i++) console.log("x".repeat(1000));\nreturn "y".repeat(40000);';
    const result = await sandbox.run({ code, inputs: {} });
    expect(result.ok).toBe(true);
    const bytes = JSON.stringify(result.ok ? result.value : null).length + result.logs.join('\n').length;
    expect(bytes).toBeLessThanOrEqual(64 * 1024);
    expect(result.logs.length).toBeGreaterThan(5);
    expect(result.logs.at(-1)).toMatch(/log lines dropped: output limit/);
  });
});

describe('configuration', () => {
  it('refuses a stack limit that would crash the host', () => {
    let caught: unknown;
    try {
      resolveSandboxLimits({ stackBytes: 512 * 1024 });
    } catch (error) {
      caught = error;
    }
    expect(isKotaeError(caught) && caught.code).toBe('sandbox.invalid_limits');
  });

  it('defaults to 5 s, 64 MB, 256 KB stack and 1 MB output', () => {
    expect(resolveSandboxLimits()).toEqual(DEFAULT_SANDBOX_LIMITS);
    expect(DEFAULT_SANDBOX_LIMITS).toEqual({
      timeoutMs: 5000,
      memoryBytes: 64 * 1024 * 1024,
      stackBytes: 256 * 1024,
      outputBytes: 1024 * 1024,
    });
  });

  it('describes the limits for the model in its own terms', () => {
    expect(describeSandboxLimits(DEFAULT_SANDBOX_LIMITS)).toBe(
      'Limits per run: 5 s, 64 MB of memory (inputs included), 1 MB of output (the return value as JSON plus logs). Return summaries, not raw rows.',
    );
  });

  it('answers a run after close with a failure instead of throwing', async () => {
    const closed = createSandbox({ poolSize: 1 });
    await closed.close();
    expect(await closed.run({ code: 'return 1', inputs: {} })).toMatchObject({
      ok: false,
      error: { kind: 'crash' },
    });
  });

  it('runs queued jobs in parallel on a pool of two', async () => {
    const pool = createSandbox({ poolSize: 2 });
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pool.run({ code: `return inputs.i * 2;`, inputs: { i } })),
    );
    expect(results.map((r) => (r.ok ? r.value : r.error))).toEqual([0, 2, 4, 6, 8, 10]);
    await pool.close();
  });

  it('starts its workers with the first run when told to, and runs it', async () => {
    const lazy = createSandbox({ poolSize: 2, startOnFirstRun: true });
    const results = await Promise.all(
      [1, 2, 3].map((i) => lazy.run({ code: 'return inputs.i + 1;', inputs: { i } })),
    );
    expect(results.map((r) => (r.ok ? r.value : r.error))).toEqual([2, 3, 4]);
    await lazy.close();
  });
});
