/**
 * The sandbox port: runs LLM-written JavaScript over named inputs with no I/O of any
 * kind, under limits on time, memory, stack and output size.
 */
export interface SandboxRequest {
  code: string;
  /** Named inputs, e.g. query results as arrays of row objects. Passed in as data. */
  inputs: Record<string, unknown>;
}

export type SandboxFailureKind = 'syntax' | 'runtime' | 'timeout' | 'memory' | 'stack' | 'output' | 'crash';

export type SandboxResult =
  | { ok: true; value: unknown; logs: string[]; durationMs: number }
  | {
      ok: false;
      error: { kind: SandboxFailureKind; message: string; line?: number };
      logs: string[];
      durationMs: number;
    };

export interface Sandbox {
  run(request: SandboxRequest): Promise<SandboxResult>;
  close(): Promise<void>;
}
