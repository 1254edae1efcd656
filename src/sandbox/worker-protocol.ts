/**
 * Messages between the pool (host thread) and a sandbox worker thread. Only plain data
 * crosses: code and inputs as strings in, JSON text and log lines out.
 */
import type { SandboxFailureKind } from '../core/ports/sandbox.ts';
import type { SandboxLimits } from './sandbox-limits.ts';

export interface WorkerSetup {
  limits: SandboxLimits;
}

export interface RunJob {
  id: number;
  code: string;
  /** The inputs as JSON text, parsed inside the VM: no host object ever enters it. */
  inputsJson: string;
}

export interface SandboxFailure {
  kind: SandboxFailureKind;
  message: string;
  line?: number;
}

export type RunReply =
  | { id: number; ok: true; valueJson: string; logs: string[]; durationMs: number; recycle: boolean }
  | { id: number; ok: false; error: SandboxFailure; logs: string[]; durationMs: number; recycle: boolean };

export type WorkerMessage = { type: 'ready' } | { type: 'result'; reply: RunReply };
