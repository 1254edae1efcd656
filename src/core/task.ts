/**
 * A task as every stage sees it: one accepted question or digest run. The store maps its
 * rows to this shape; no stage outside store/ sees the database's row type.
 */
import type { ThreadRef } from './chat-event.ts';
import type { Locale } from './locale.ts';
import type { TaskKind } from './ports/task-handler.ts';

export type TaskStatus = 'PENDING' | 'RUNNING' | 'COMPLETED' | 'FAILED';

export interface Task {
  id: string;
  kind: TaskKind;
  status: TaskStatus;
  /** Built from the platform's event id, so a duplicate delivery creates nothing. */
  idempotencyKey: string;
  /** Our Workspace.id; the thread carries the platform's own workspace id. */
  workspaceId: string;
  /** Where replies go. `threadId` is empty when the question started no thread (a slash command). */
  thread: ThreadRef;
  userId: string;
  question: string;
  /** Decided once, at intake (user, then workspace, then configuration); read from here after. */
  locale: string;
  /** IANA zone the task reads dates in, decided with the locale. */
  timeZone: string;
  /** The placeholder message, once posted and recorded. */
  placeholderId: string | null;
  /** Who is posting the placeholder right now (see core/placeholder.ts), else null. */
  placeholderReservedBy: string | null;
  attempts: number;
  maxAttempts: number;
  leaseOwner: string | null;
  leaseExpiresAt: Date | null;
  /** The stored answer (JSON), saved before it is delivered. */
  result: unknown;
  errorCode: string | null;
  /** What the user was told when the task failed. */
  errorMessage: string | null;
  deliveredAt: Date | null;
  /** The uploaded chart (JSON of an UploadedFile), so a re-run does not upload it twice. */
  chartFileId: string | null;
  subscriptionId: string | null;
  /** W3C `traceparent` of the request that made the task: the worker continues its trace. */
  traceContext: string | null;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  createdAt: Date;
  updatedAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

export interface NewTask {
  kind: TaskKind;
  idempotencyKey: string;
  /** Our Workspace.id; the thread carries the platform's own workspace id. */
  workspaceId: string;
  thread: ThreadRef;
  userId: string;
  question: string;
  /** Decided once, at intake (user, then workspace, then configuration). */
  locale: Locale;
  /** IANA zone the task reads dates in, decided with the locale. */
  timeZone: string;
  maxAttempts: number;
  subscriptionId?: string;
  /** W3C `traceparent` of the request that made the task: the worker continues its trace. */
  traceContext?: string;
  /** When the question arrived, by the caller's clock (rate limits count from it). */
  createdAt?: Date;
}

export interface TaskUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
}
