/**
 * Turns what QuickJS threw into a SandboxFailure the model can act on: the kind, a short
 * message, and the line in the model's own code (not in our wrapper or library).
 */
import type { SandboxLimits } from './sandbox-limits.ts';
import type { SandboxFailure } from './worker-protocol.ts';

/** The file name the model's code is evaluated under; stack frames name it. */
export const CODE_FILE = 'analysis.js';

/** What `context.dump()` gives for a thrown QuickJS Error (anything else is thrown as is). */
interface DumpedError {
  name?: unknown;
  message?: unknown;
  stack?: unknown;
  fileName?: unknown;
  lineNumber?: unknown;
}

export type FailurePhase = 'compile' | 'run' | 'serialize';

export interface ClassifyContext {
  phase: FailurePhase;
  limits: SandboxLimits;
  /** The worker's WebAssembly memory reached its fixed maximum. */
  memoryExhausted: boolean;
  /** Lines in the model's code, to clamp "unexpected end of input" onto the last one. */
  codeLines: number;
}

const FRAME = new RegExp(`${CODE_FILE.replace('.', '\\.')}:(\\d+)`);

export function lineInCode(error: DumpedError, codeLines: number): number | undefined {
  let line: number | undefined;
  if (error.fileName === CODE_FILE && typeof error.lineNumber === 'number') line = error.lineNumber;
  else if (typeof error.stack === 'string') {
    // The first frame in the model's code: a library function that threw is reported where it was called.
    const match = FRAME.exec(error.stack);
    if (match) line = Number(match[1]);
  }
  return line === undefined ? undefined : Math.min(Math.max(line, 1), codeLines);
}

export function classifyVmError(thrown: unknown, context: ClassifyContext): SandboxFailure {
  const { limits } = context;
  const error: DumpedError = typeof thrown === 'object' && thrown !== null ? (thrown as DumpedError) : {};
  const name = typeof error.name === 'string' ? error.name : '';
  const message = typeof error.message === 'string' ? error.message : '';
  const line = lineInCode(error, context.codeLines);
  const at = line === undefined ? {} : { line };

  // No line for a timeout: QuickJS attributes the interrupt to the enclosing function's line, not the loop's.
  if (name === 'InternalError' && message === 'interrupted')
    return { kind: 'timeout', message: timeoutMessage(limits) };
  if (name === 'InternalError' && message === 'stack overflow') {
    return {
      kind: 'stack',
      message: `Stack overflow: recursion went too deep (stack limit ${limits.stackBytes / 1024} KB). Use a loop instead.`,
      ...at,
    };
  }
  // "string too long" is QuickJS's cap on one string (2^30 characters), met before any byte limit.
  const outOfMemory =
    (name === 'InternalError' && (message === 'out of memory' || message === 'string too long')) ||
    ((thrown === null || thrown === undefined) && context.memoryExhausted);
  if (outOfMemory) return { kind: 'memory', message: memoryMessage(limits), ...at };

  // Code that closes our wrapper early can also throw while "compiling"; only a SyntaxError is one.
  if (context.phase === 'compile' && (name === 'SyntaxError' || name === '')) {
    return { kind: 'syntax', message: `${name || 'SyntaxError'}: ${message}`, ...at };
  }
  const text = name ? `${name}: ${message}` : `Uncaught ${describeThrown(thrown)}`;
  const prefix = context.phase === 'serialize' ? 'The return value could not be converted to JSON: ' : '';
  return { kind: 'runtime', message: prefix + text, ...at };
}

export function timeoutMessage(limits: SandboxLimits): string {
  return `Time limit exceeded: the code ran longer than ${limits.timeoutMs / 1000} s.`;
}

export function memoryMessage(limits: SandboxLimits): string {
  const mb = Math.round(limits.memoryBytes / 1024 / 1024);
  return `Memory limit exceeded: the code (inputs included) needed more than ${mb} MB.`;
}

function describeThrown(value: unknown): string {
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
