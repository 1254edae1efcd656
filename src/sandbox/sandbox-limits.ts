/**
 * The sandbox's limits and their defaults. Each one is configurable; `resolveSandboxLimits`
 * fills in defaults and refuses values that would make the sandbox unsafe.
 */
import { KotaeError } from '../core/errors.ts';

export interface SandboxLimits {
  /** Wall time for one run, enforced twice: QuickJS's interrupt handler, then terminating the worker. */
  timeoutMs: number;
  /**
   * The VM's heap, parsed inputs included. Enforced by QuickJS's allocator check AND by giving the
   * worker a WebAssembly.Memory that cannot grow past it (quickjs-emscripten #255/#271: with the
   * prebuilt wasm, setMemoryLimit alone only bounds single allocations).
   */
  memoryBytes: number;
  /** QuickJS's stack limit. Must stay at or below 256 KiB, see MAX_STACK_BYTES. */
  stackBytes: number;
  /** The serialized JSON of the return value plus the captured logs. */
  outputBytes: number;
}

export const DEFAULT_SANDBOX_LIMITS: Readonly<SandboxLimits> = Object.freeze({
  timeoutMs: 5_000,
  memoryBytes: 64 * 1024 * 1024,
  stackBytes: 256 * 1024,
  outputBytes: 1024 * 1024,
});

/**
 * Measured with quickjs-emscripten 0.32: with no stack limit, or one of 512 KiB or more, deep
 * recursion overflows the wasm stack and takes the whole Node process down, uncatchably.
 */
export const MAX_STACK_BYTES = 256 * 1024;

/** QuickJS needs a few MiB for its own runtime and context before any user code runs. */
const MIN_MEMORY_BYTES = 4 * 1024 * 1024;

export function resolveSandboxLimits(overrides: Partial<SandboxLimits> = {}): SandboxLimits {
  const limits: SandboxLimits = { ...DEFAULT_SANDBOX_LIMITS };
  for (const key of Object.keys(DEFAULT_SANDBOX_LIMITS) as Array<keyof SandboxLimits>) {
    const value = overrides[key];
    if (value !== undefined) limits[key] = value;
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value <= 0)
      problems.push(`${key} must be a positive integer (got ${value})`);
  }
  if (limits.stackBytes > MAX_STACK_BYTES) {
    problems.push(`stackBytes must be at most ${MAX_STACK_BYTES}: larger stacks crash the host process`);
  }
  if (limits.memoryBytes < MIN_MEMORY_BYTES)
    problems.push(`memoryBytes must be at least ${MIN_MEMORY_BYTES}`);
  // wasm32 addresses 4 GiB; the fixed memory also holds QuickJS itself (WASM_BASE_BYTES).
  if (limits.memoryBytes > 2 * 1024 ** 3) problems.push('memoryBytes must be at most 2 GiB');
  if (problems.length > 0) {
    throw new KotaeError('sandbox.invalid_limits', `Invalid sandbox limits: ${problems.join('; ')}`, {
      data: { problems },
    });
  }
  return limits;
}

/** One sentence for the `run_analysis` tool description, so the model knows its budget. */
export function describeSandboxLimits(limits: SandboxLimits): string {
  const mb = (bytes: number) => `${Math.round((bytes / 1024 / 1024) * 10) / 10} MB`;
  return (
    `Limits per run: ${limits.timeoutMs / 1000} s, ${mb(limits.memoryBytes)} of memory (inputs included), ` +
    `${mb(limits.outputBytes)} of output (the return value as JSON plus logs). Return summaries, not raw rows.`
  );
}
