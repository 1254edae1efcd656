/**
 * What became of one Pub/Sub push delivery, which decides the HTTP status Pub/Sub sees:
 *   done        — the task ended (answered, or failed and the user told): 204, acked.
 *   handed_off  — still running here, past the time we may hold the request; the task is
 *                 RUNNING under a kept lease in the database, and recovery re-queues it if
 *                 this process dies: 200, acked (no redelivery mid-run).
 *                 (200, not 202: the Pub/Sub emulator redelivers after a 202.)
 *   busy        — every WORKER_CONCURRENCY slot is taken: 429, Pub/Sub backs off.
 *   elsewhere   — another live worker holds the task's lease: 503, redelivered later.
 *   retry       — a retryable failure, or this worker is stopping: 503, redelivered.
 */
export type PushOutcome = 'done' | 'handed_off' | 'busy' | 'elsewhere' | 'retry';

export type PushTaskRunner = (taskId: string) => Promise<PushOutcome>;
