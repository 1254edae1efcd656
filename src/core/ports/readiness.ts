/**
 * One part a process needs before it can take traffic (the database, the queue, the
 * warehouse). `check` resolves when the part answers and rejects naming what is wrong.
 */
export interface ReadinessCheck {
  /** Short and stable: "database", "queue", "warehouse". */
  name: string;
  check(signal: AbortSignal): Promise<void>;
}
