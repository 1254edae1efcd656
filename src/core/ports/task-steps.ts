/** The steps port: what the worker did for a task, with timings, per attempt. */
export interface StepRecordInput {
  taskId: string;
  attempt: number;
  seq: number;
  label: string;
  startedAt: Date;
  detail?: Record<string, unknown>;
}

export interface TaskSteps {
  start(input: StepRecordInput): Promise<string>;
  finish(
    stepId: string,
    outcome: {
      endedAt: Date;
      durationMs: number;
      label?: string;
      error?: string;
      detail?: Record<string, unknown>;
    },
  ): Promise<void>;
  list(
    taskId: string,
  ): Promise<
    Array<{ attempt: number; seq: number; label: string; status: string; durationMs: number | null }>
  >;
}
