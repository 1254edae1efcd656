/**
 * The Sandbox port's implementation: LLM-written JavaScript in QuickJS, inside a warm pool
 * of worker threads. Failures of every kind come back as `{ ok: false }` results, never as
 * thrown errors, so the agent can hand them to the model to correct.
 */
import type { Sandbox, SandboxRequest, SandboxResult } from '../core/ports/sandbox.ts';
import { timeoutMessage } from './classify-error.ts';
import { resolveSandboxLimits, type SandboxLimits } from './sandbox-limits.ts';
import { serializeInputs } from './serialize-inputs.ts';
import { createWorkerPool } from './worker-pool.ts';

export interface SandboxOptions extends Partial<SandboxLimits> {
  /** Warm worker threads; each runs one job at a time. Default 2. */
  poolSize?: number;
  /** Start the workers with the first run rather than at once (worker-pool.ts). Default false. */
  startOnFirstRun?: boolean;
}

/** The hard deadline's slack after the interrupt handler's: 20% of the limit, 200 ms to 1 s. */
function graceMs(timeoutMs: number): number {
  return Math.min(1_000, Math.max(200, Math.round(timeoutMs * 0.2)));
}

/** The worker entry next to this module: .ts when running from source, .js when built. */
function workerUrl(): URL {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  return new URL(`./sandbox-worker${extension}`, import.meta.url);
}

export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const { poolSize = 2, startOnFirstRun = false, ...overrides } = options;
  const limits = resolveSandboxLimits(overrides);
  if (!Number.isInteger(poolSize) || poolSize < 1)
    throw new RangeError(`poolSize must be a positive integer`);
  const pool = createWorkerPool({
    size: poolSize,
    workerUrl: workerUrl(),
    setup: { limits },
    hardDeadlineMs: limits.timeoutMs + graceMs(limits.timeoutMs),
    startOnFirstJob: startOnFirstRun,
  });
  let nextId = 1;

  return {
    async run(request: SandboxRequest): Promise<SandboxResult> {
      let inputsJson: string;
      try {
        inputsJson = serializeInputs(request.inputs ?? {});
      } catch (error) {
        const message = `The inputs could not be passed in as JSON: ${error instanceof Error ? error.message : String(error)}`;
        return { ok: false, error: { kind: 'runtime', message }, logs: [], durationMs: 0 };
      }
      const outcome = await pool.run({ id: nextId++, code: request.code, inputsJson });
      switch (outcome.kind) {
        case 'deadline':
          return {
            ok: false,
            error: { kind: 'timeout', message: timeoutMessage(limits) },
            logs: [],
            durationMs: outcome.durationMs,
          };
        case 'crash':
          return {
            ok: false,
            error: { kind: 'crash', message: `The sandbox failed: ${outcome.message}` },
            logs: [],
            durationMs: outcome.durationMs,
          };
        case 'reply': {
          const { reply } = outcome;
          if (!reply.ok)
            return { ok: false, error: reply.error, logs: reply.logs, durationMs: reply.durationMs };
          try {
            return {
              ok: true,
              value: JSON.parse(reply.valueJson),
              logs: reply.logs,
              durationMs: reply.durationMs,
            };
          } catch (error) {
            // Cannot happen with QuickJS's own JSON.stringify; kept so run() never throws.
            const message = `The return value was not valid JSON: ${error instanceof Error ? error.message : String(error)}`;
            return {
              ok: false,
              error: { kind: 'crash', message },
              logs: reply.logs,
              durationMs: reply.durationMs,
            };
          }
        }
      }
    },
    close: () => pool.close(),
  };
}
