/**
 * The metrics port: what happened, as events. Core, agent and worker report through it;
 * only src/app/metrics/ knows Prometheus. Labels stay low-cardinality: route names, task
 * kinds, tool names, model ids, platforms and reason categories, never ids or SQL.
 */
export type TaskOutcomeLabel = 'completed' | 'failed' | 'retried' | 'released';
export type CallOutcome = 'ok' | 'error';

export interface Metrics {
  httpRequest(event: { method: string; route: string; status: number; seconds: number }): void;
  /** A worker claimed a task; the wait is from the task's creation to the claim. */
  taskClaimed(event: { kind: string; queueWaitSeconds: number }): void;
  taskFinished(event: { kind: string; outcome: TaskOutcomeLabel; seconds: number }): void;
  /**
   * A task was answered: the time from its creation (the question asked) to its completion,
   * the figure `/kotae usage` reports as time to answer and flags over 5 s at p95.
   */
  timeToAnswer(event: { kind: string; seconds: number }): void;
  /** One agent step; `tool` is the tool's name, or "none" for a step without one. */
  step(event: { tool: string; outcome: CallOutcome }): void;
  llmCall(event: {
    model: string;
    outcome: CallOutcome;
    seconds: number;
    inputTokens: number;
    outputTokens: number;
    errorCode?: string;
  }): void;
  warehouseQuery(event: {
    backend: string;
    verdict: 'executed' | 'refused' | 'failed';
    bytes: number;
    /** For refusals: a category such as "byte_cap", "budget", "dataset", "statement", "other". */
    reason?: string;
  }): void;
  platformCall(event: { platform: string; operation: string; outcome: CallOutcome | 'rate_limited' }): void;
  /** One HTTP 429 from a chat platform's API, counted even when the write is retried and succeeds. */
  platformRateLimited(event: { platform: string }): void;
}

export const noMetrics: Metrics = {
  httpRequest() {},
  taskClaimed() {},
  taskFinished() {},
  timeToAnswer() {},
  step() {},
  llmCall() {},
  warehouseQuery() {},
  platformCall() {},
  platformRateLimited() {},
};
