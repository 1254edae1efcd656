/**
 * Runs one job in a fresh QuickJS runtime. Used inside a sandbox worker thread only: a
 * memory bomb inside a long C builtin ignores the interrupt handler, so the host must be
 * able to terminate the whole thread.
 *
 * Each run gets its own runtime and context, so nothing one run leaves behind (globals,
 * prototypes it patched) reaches the next, which may be another user's. The next one is
 * prepared ahead, while the worker would otherwise be idle.
 */
import {
  newQuickJSWASMModuleFromVariant,
  newVariant,
  RELEASE_SYNC,
  type QuickJSHandle,
} from 'quickjs-emscripten';
import {
  classifyVmError,
  CODE_FILE,
  memoryMessage,
  timeoutMessage,
  type FailurePhase,
} from './classify-error.ts';
import type { SandboxLimits } from './sandbox-limits.ts';
import { boundLogs, outputMessage } from './output-budget.ts';
import { prepareVm, type PreparedVm } from './prepared-vm.ts';
import type { RunJob, RunReply, SandboxFailure } from './worker-protocol.ts';

/** The slice of the WebAssembly JS API used here (the ES2024 lib has no WebAssembly types). */
interface WasmMemory {
  readonly buffer: ArrayBuffer;
}
const { WebAssembly: wasm } = globalThis as unknown as {
  WebAssembly: { Memory: new (descriptor: { initial: number; maximum: number }) => WasmMemory };
};

const WASM_PAGE = 64 * 1024;
/** What the QuickJS build itself occupies before any runtime exists (its INITIAL_MEMORY). */
const WASM_BASE_BYTES = 16 * 1024 * 1024;
/** Time our own calls after the model's code (collecting logs) may take past the deadline. */
const HOUSEKEEPING_MS = 200;

export interface QuickJsRunner {
  run(job: RunJob): RunReply;
  /**
   * Disposes the last run's VM and prepares the next one. The worker calls this after it has
   * posted a reply, so the preparation is off the next call's path when calls are not back to back.
   */
  prepareNext(): void;
}

export async function createQuickJsRunner(limits: SandboxLimits): Promise<QuickJsRunner> {
  // A memory that cannot grow past base + limit is the real memory cap: malloc fails, QuickJS
  // throws "out of memory". setMemoryLimit alone does not accumulate sizes in this build.
  const maximumPages = Math.ceil((WASM_BASE_BYTES + limits.memoryBytes) / WASM_PAGE);
  const memory = new wasm.Memory({ initial: WASM_BASE_BYTES / WASM_PAGE, maximum: maximumPages });
  const module = await newQuickJSWASMModuleFromVariant(newVariant(RELEASE_SYNC, { wasmMemory: memory }));
  const exhausted = () => memory.buffer.byteLength >= (maximumPages - 1) * WASM_PAGE;
  let next: PreparedVm | null = null;
  let spent: PreparedVm | null = null;
  let broken = false;
  return {
    run(job) {
      const vm = next ?? prepareVm(module, limits);
      next = null;
      const reply = runJob(vm, limits, exhausted, job);
      // After out of memory QuickJS may hold half-built objects, and disposing can abort
      // (quickjs-emscripten #257): such a VM is never disposed; the pool discards the worker.
      if (reply.recycle) broken = true;
      else spent = vm;
      return reply;
    },
    prepareNext() {
      if (broken) return;
      spent?.dispose();
      spent = null;
      next ??= prepareVm(module, limits);
    },
  };
}

function runJob(
  vm: PreparedVm,
  limits: SandboxLimits,
  memoryExhausted: () => boolean,
  job: RunJob,
): RunReply {
  const started = performance.now();
  const { context, runtime, own } = vm;
  vm.deadline = Date.now() + limits.timeoutMs;
  const codeLines = job.code.split('\n').length;
  let logs: string[] = [];

  const fail = (phase: FailurePhase, errorHandle: QuickJSHandle): SandboxFailure => {
    own(errorHandle);
    const thrown = context.dump(errorHandle);
    return classifyVmError(thrown, { phase, limits, memoryExhausted: memoryExhausted(), codeLines });
  };
  const finish = (outcome: { valueJson: string } | { error: SandboxFailure }): RunReply => {
    vm.deadline = 0;
    const durationMs = performance.now() - started;
    if ('error' in outcome) {
      const recycle = outcome.error.kind === 'memory' || outcome.error.kind === 'crash';
      return {
        id: job.id,
        ok: false,
        error: outcome.error,
        logs: boundLogs(logs, limits.outputBytes),
        durationMs,
        recycle,
      };
    }
    const valueBytes = Buffer.byteLength(outcome.valueJson);
    if (valueBytes > limits.outputBytes) {
      const error: SandboxFailure = { kind: 'output', message: outputMessage(valueBytes, limits) };
      return {
        id: job.id,
        ok: false,
        error,
        logs: boundLogs(logs, limits.outputBytes),
        durationMs,
        recycle: false,
      };
    }
    const budget = limits.outputBytes - valueBytes;
    return {
      id: job.id,
      ok: true,
      valueJson: outcome.valueJson,
      logs: boundLogs(logs, budget),
      durationMs,
      recycle: false,
    };
  };
  const collectLogs = () => {
    // Our own call after the model's code: give it a moment even if the deadline has passed.
    vm.deadline = Math.max(vm.deadline, Date.now() + HOUSEKEEPING_MS);
    const result = context.callFunction(vm.takeLogs, context.undefined);
    // Without logs the run's own outcome still stands; logs are a courtesy.
    if (result.error) own(result.error);
    else logs = JSON.parse(context.getString(own(result.value))) as string[];
  };

  try {
    // The wrapper opens on the same line as the code, so line N of the file is line N of the code.
    const compiled = context.evalCode(`(async function (inputs) {${job.code}\n})`, CODE_FILE);
    if (compiled.error) return finish({ error: fail('compile', compiled.error) });
    const fn = own(compiled.value);

    const parsed = context.callFunction(
      vm.jsonParse,
      context.undefined,
      own(context.newString(job.inputsJson)),
    );
    if (parsed.error) return finish({ error: fail('run', parsed.error) });
    const inputs = own(parsed.value);

    const called = context.callFunction(fn, context.undefined, inputs);
    if (called.error) return (collectLogs(), finish({ error: fail('run', called.error) }));
    const promise = own(called.value);
    const jobs = runtime.executePendingJobs(-1);
    if (jobs.error) return (collectLogs(), finish({ error: fail('run', jobs.error) }));
    // An interrupt inside a promise job only rejects that job's promise; the run as a whole
    // (an endless chain of .then() after the return, say) still went past its time limit.
    if (Date.now() > vm.deadline)
      return (collectLogs(), finish({ error: { kind: 'timeout', message: timeoutMessage(limits) } }));

    const state = context.getPromiseState(promise);
    if (state.type === 'pending') return (collectLogs(), finish({ error: neverSettled() }));
    if (state.type === 'rejected') return (collectLogs(), finish({ error: fail('run', state.error) }));
    const serialized = context.callFunction(vm.toJson, context.undefined, own(state.value));
    if (serialized.error) return (collectLogs(), finish({ error: fail('serialize', serialized.error) }));
    const valueJson = context.getString(own(serialized.value));
    collectLogs();
    return finish({ valueJson });
  } catch (error) {
    // Something failed on the host side of the wasm boundary (an abort, a trap). The worker's
    // module may be in any state now, so it is discarded.
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const kind = memoryExhausted() ? 'memory' : 'crash';
    const text = kind === 'memory' ? memoryMessage(limits) : `The sandbox failed: ${message}`;
    return finish({ error: { kind, message: text } });
  }
}

function neverSettled(): SandboxFailure {
  return {
    kind: 'runtime',
    message:
      'The returned promise never settled. The sandbox has no timers or I/O, so only promises your own code resolves can complete.',
  };
}
