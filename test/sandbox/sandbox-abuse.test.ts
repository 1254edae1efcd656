/**
 * The abuse corpus: code a model (or a prompt-injected model) might write to hang, exhaust or
 * escape the sandbox. If one of these broke, a single bad `run_analysis` call could freeze the
 * worker, take the whole process down with everyone's questions in it, or read the host.
 * Each case must end inside its limit as a clean `{ ok: false }` (or a harmless value), and
 * the next run and the host must be fine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox, SandboxResult } from '../../src/core/ports/sandbox.ts';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';

let sandbox: Sandbox;
/** A smaller heap and a longer time limit, so memory bombs meet the memory limit first. */
let smallHeap: Sandbox;

beforeAll(() => {
  sandbox = createSandbox({ timeoutMs: 1_000, poolSize: 2 });
  smallHeap = createSandbox({ timeoutMs: 10_000, poolSize: 1, memoryBytes: 16 * 1024 * 1024 });
});

afterAll(async () => {
  await Promise.all([sandbox.close(), smallHeap.close()]);
});

async function expectHealthyAfterwards(): Promise<void> {
  const next = await sandbox.run({ code: 'return sum(inputs.xs) + 1', inputs: { xs: [1, 2, 3] } });
  expect(next).toMatchObject({ ok: true, value: 7 });
  // The host's own heap never held the bomb: it lived in a worker's wasm memory.
  expect(process.memoryUsage().heapUsed).toBeLessThan(1024 * 1024 * 1024);
}

function failure(result: SandboxResult) {
  expect(result.ok).toBe(false);
  return result.ok ? undefined : result.error;
}

describe('sandbox abuse corpus', () => {
  it('stops an infinite loop at the time limit', async () => {
    const result = await sandbox.run({ code: 'let i = 0;\nfor (;;) { i++; }', inputs: {} });
    expect(failure(result)?.kind).toBe('timeout');
    await expectHealthyAfterwards();
  });

  it('stops a loop that tries to catch the interruption', async () => {
    const code = 'for (;;) { try { for (;;) {} } catch (e) { console.log("caught", e); } }';
    const result = await sandbox.run({ code, inputs: {} });
    expect(failure(result)?.kind).toBe('timeout');
    await expectHealthyAfterwards();
  });

  it('stops an endless chain of promise jobs left running after the return', async () => {
    const code = 'function again() {\n  Promise.resolve().then(again);\n}\nagain();\nreturn 1;';
    const result = await sandbox.run({ code, inputs: {} });
    expect(failure(result)?.kind).toBe('timeout');
    await expectHealthyAfterwards();
  });

  it("stops `new Array(1e9) + ''`, which runs inside one C builtin the interrupt cannot reach", async () => {
    const result = await sandbox.run({ code: "return new Array(1e9) + ''", inputs: {} });
    // Ends either at the hard deadline (worker terminated) or at the memory cap, whichever comes first.
    expect(['timeout', 'memory']).toContain(failure(result)?.kind);
    await expectHealthyAfterwards();
  });

  it('stops string doubling at the memory limit', async () => {
    const result = await smallHeap.run({ code: 'let s = "x";\nwhile (true) s = s + s;', inputs: {} });
    expect(failure(result)?.kind).toBe('memory');
    await expectHealthyAfterwards();
  });

  it('stops many medium allocations at the memory limit (the limit is a total, not per allocation)', async () => {
    const code = 'const keep = [];\nwhile (true) keep.push("x".repeat(100000) + keep.length);';
    const result = await smallHeap.run({ code, inputs: {} });
    expect(failure(result)).toMatchObject({ kind: 'memory', line: 2 });
    await expectHealthyAfterwards();
  });

  it('stops deep recursion at the stack limit without crashing the host', async () => {
    const code = 'function down(n) {\n  return down(n + 1) + 1;\n}\nreturn down(0);';
    const result = await sandbox.run({ code, inputs: {} });
    expect(failure(result)).toMatchObject({ kind: 'stack', line: 2 });
    await expectHealthyAfterwards();
  });

  it('survives out of memory followed by closing the sandbox and starting a new one', async () => {
    const local = createSandbox({ timeoutMs: 10_000, poolSize: 1, memoryBytes: 16 * 1024 * 1024 });
    const oom = await local.run({
      code: 'const a = [];\nfor (;;) a.push(new Array(10000).fill(1.5));',
      inputs: {},
    });
    expect(failure(oom)?.kind).toBe('memory');
    // The worker that ran out of memory is discarded, not disposed; the replacement serves this.
    expect(await local.run({ code: 'return "after"', inputs: {} })).toMatchObject({
      ok: true,
      value: 'after',
    });
    await local.close();
    const fresh = createSandbox({ poolSize: 1 });
    expect(await fresh.run({ code: 'return median([3, 1, 2])', inputs: {} })).toMatchObject({
      ok: true,
      value: 2,
    });
    await fresh.close();
  });

  it('has no Atomics.wait, which would block the thread inside C', async () => {
    const code = 'const cell = new Int32Array(new SharedArrayBuffer(4));\nreturn Atomics.wait(cell, 0, 0);';
    const result = await sandbox.run({ code, inputs: {} });
    expect(failure(result)).toMatchObject({
      kind: 'runtime',
      line: 2,
      message: expect.stringContaining('Atomics'),
    });
    await expectHealthyAfterwards();
  });

  it('has no process, require, fetch, timers or module loader', async () => {
    const code = `return {
      process: typeof process, require: typeof require, fetch: typeof fetch,
      setTimeout: typeof setTimeout, setInterval: typeof setInterval, queueMicrotask: typeof queueMicrotask,
      XMLHttpRequest: typeof XMLHttpRequest, WebAssembly: typeof WebAssembly, Deno: typeof Deno, Bun: typeof Bun,
      module: typeof module, exports: typeof exports, importScripts: typeof importScripts, std: typeof std, os: typeof os,
    };`;
    const result = await sandbox.run({ code, inputs: {} });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    for (const [name, type] of Object.entries(result.value as Record<string, string>)) {
      expect({ name, type }).toEqual({ name, type: 'undefined' });
    }
  });

  it('fails import() of any module cleanly', async () => {
    for (const specifier of [
      'node:fs',
      'fs',
      'child_process',
      './sandbox-worker.ts',
      'https://example.com/x.js',
    ]) {
      const result = await sandbox.run({
        code: `const m = await import(${JSON.stringify(specifier)});\nreturn Object.keys(m);`,
        inputs: {},
      });
      expect(failure(result)).toMatchObject({
        kind: 'runtime',
        message: expect.stringContaining('could not load module'),
      });
    }
    const result = await sandbox.run({
      code: 'return import("node:fs").then(() => "loaded", (e) => "refused: " + e.message)',
      inputs: {},
    });
    expect(result).toMatchObject({ ok: true, value: expect.stringMatching(/^refused: /) });
  });

  it('gives only the VM’s own Function through globalThis.constructor.constructor', async () => {
    const code = `const F = globalThis.constructor.constructor;
      return [
        F('return typeof process')(),
        F('return typeof require')(),
        F('return this === globalThis')(),
        (() => {}).constructor('return typeof process')(),
        Object.getPrototypeOf(async function () {}).constructor('return typeof process')() instanceof Promise,
        eval('typeof process'),
      ];`;
    const result = await sandbox.run({ code, inputs: {} });
    expect(result).toMatchObject({
      ok: true,
      value: ['undefined', 'undefined', true, 'undefined', true, 'undefined'],
    });
    const escape = await sandbox.run({
      code: "return globalThis.constructor.constructor('return process')().pid",
      inputs: {},
    });
    expect(failure(escape)).toMatchObject({ kind: 'runtime', message: expect.stringContaining('process') });
  });

  it('keeps code that closes our wrapper early inside the VM, and out of the next run', async () => {
    const code = '});\nglobalThis.leak = typeof process;\n(async function () {';
    const result = await sandbox.run({ code, inputs: {} });
    expect(result.ok).toBe(true);
    const escaped = await sandbox.run({ code: '}); null.x; (async function () {', inputs: {} });
    expect(failure(escaped)?.kind).toBe('runtime');
    expect(await sandbox.run({ code: 'return typeof leak;', inputs: {} })).toMatchObject({
      ok: true,
      value: 'undefined',
    });
  });

  it('keeps one run’s changes to globals and prototypes away from the next run', async () => {
    const polluter =
      'Object.prototype.polluted = "yes";\nArray.prototype.map = () => "hijacked";\nglobalThis.sum = () => -1;\nreturn 1;';
    expect(await sandbox.run({ code: polluter, inputs: {} })).toMatchObject({ ok: true });
    expect(await sandbox.run({ code: polluter, inputs: {} })).toMatchObject({ ok: true });
    const probe = 'return [({}).polluted ?? null, [1, 2].map((x) => x * 2), sum([1, 2])];';
    for (let i = 0; i < 3; i++) {
      expect(await sandbox.run({ code: probe, inputs: {} })).toMatchObject({
        ok: true,
        value: [null, [2, 4], 3],
      });
    }
  });
});
