/**
 * Intake: the whole fast path from a verified, parsed question to a queued task.
 * validate → dedupe (idempotency key from the platform's event id), rate-limit and persist,
 * in one statement → enqueue. No LLM or warehouse work happens here, so every platform can ack
 * within its deadline (Slack: 3 s).
 */
import type { QuestionEvent } from '../core/chat-event.ts';
import type { Clock } from '../core/clock.ts';
import { t } from '../core/i18n/translate.ts';
import { isLocale, questionLocale, type Locale } from '../core/locale.ts';
import { storedLocale } from '../core/stored-locale.ts';
import type { Logger } from '../core/logger.ts';
import { offerPlaceholder } from '../core/placeholder.ts';
import type { Intake, SubmitResult } from '../core/ports/intake.ts';
import type { TaskAdmission } from '../core/ports/task-admission.ts';
import type { TaskPlaceholders } from '../core/ports/task-placeholder.ts';
import type { TaskQueue } from '../core/ports/task-queue.ts';
import type { TaskReader } from '../core/ports/task-reader.ts';
import type { Task } from '../core/task.ts';
import type { WorkspaceRecord, WorkspaceStore } from '../store/workspace-store.ts';

export interface IntakeDeps {
  tasks: TaskAdmission & TaskReader & TaskPlaceholders;
  workspaces: WorkspaceStore;
  queue: TaskQueue;
  clock: Clock;
  logger: Logger;
  options: {
    maxAttempts: number;
    questionMaxChars: number;
    userTasksPerHour: number;
    defaultLocale: Locale;
    timeZone: string;
  };
}

export function idempotencyKey(event: Pick<QuestionEvent, 'eventId' | 'thread'>): string {
  return `${event.thread.platform}:${event.thread.workspaceId}:${event.eventId}`;
}

/** Tasks just accepted here, so posting their placeholder needs no read. */
const RECENT_TASKS = 1_000;

/** Workspace rows change rarely (admin commands); intake reads them on every question. */
const WORKSPACE_CACHE_MS = 30_000;

export function createIntake(deps: IntakeDeps): Intake {
  const { options } = deps;
  const workspaces = new Map<string, { row: WorkspaceRecord; until: number }>();
  const accepted = new Map<string, Task>();

  async function workspaceFor(platform: QuestionEvent['thread']['platform'], externalId: string) {
    const key = `${platform}:${externalId}`;
    const now = deps.clock.now().getTime();
    const cached = workspaces.get(key);
    if (cached && cached.until > now) return cached.row;
    const row = await deps.workspaces.ensure(platform, externalId, {
      locale: options.defaultLocale,
      timeZone: options.timeZone,
    });
    workspaces.set(key, { row, until: now + WORKSPACE_CACHE_MS });
    return row;
  }

  return {
    async submit(event): Promise<SubmitResult> {
      const key = idempotencyKey(event);
      const text = event.text.trim();
      const fallback: Locale = event.locale ?? options.defaultLocale;
      if (!text) {
        return {
          status: 'rejected',
          code: 'empty_question',
          message: t(fallback, 'event.emptyQuestion'),
          locale: fallback,
        };
      }
      const workspace = await workspaceFor(event.thread.platform, event.thread.workspaceId);
      // Decided once, here, and stored on the task; everything after reads the task.
      const locale = questionLocale(
        text,
        event.locale,
        isLocale(workspace.locale) ? workspace.locale : options.defaultLocale,
      );
      const timeZone = event.timeZone ?? (workspace.timeZone || options.timeZone);
      if (text.length > options.questionMaxChars) {
        const message = t(locale, 'event.tooLong', { length: text.length, max: options.questionMaxChars });
        return { status: 'rejected', code: 'question_too_long', message, locale };
      }
      const now = deps.clock.now();
      const limit = workspace.maxTasksPerHour ?? options.userTasksPerHour;
      const admitted = await deps.tasks.admit(
        {
          kind: 'QUESTION',
          idempotencyKey: key,
          workspaceId: workspace.id,
          thread: event.thread,
          userId: event.userId,
          question: text,
          locale,
          timeZone,
          maxAttempts: options.maxAttempts,
          createdAt: now,
        },
        { since: new Date(now.getTime() - 3_600_000), limit },
      );
      // A retry of an accepted event is a duplicate, whatever the limits say now.
      if (admitted.status === 'existing') {
        const { task } = admitted;
        return { status: 'duplicate', taskId: task.id, locale: storedLocale(task.locale) };
      }
      if (admitted.status === 'limited') {
        return {
          status: 'rejected',
          code: 'rate_limited',
          message: t(locale, 'event.rateLimited', { limit }),
          locale,
        };
      }
      const { task } = admitted;
      await deps.queue.publish(task.id);
      if (accepted.size >= RECENT_TASKS) accepted.delete(accepted.keys().next().value as string);
      accepted.set(task.id, task);
      deps.logger.info('task accepted', { taskId: task.id, platform: event.thread.platform });
      return { status: 'accepted', taskId: task.id, locale };
    },

    async postPlaceholder(taskId, platform) {
      try {
        // Just accepted here: the stored row is what submit() wrote (a reservation settles any race).
        const fresh = accepted.get(taskId);
        accepted.delete(taskId);
        const task = fresh ?? (await deps.tasks.get(taskId));
        if (!task || task.status === 'COMPLETED' || task.status === 'FAILED') return;
        // Whoever reserves first posts (the worker may get there first); the other waits.
        await offerPlaceholder(deps.tasks, task, platform, storedLocale(task.locale));
      } catch (error) {
        deps.logger.warn('placeholder post failed; the worker will post one', { taskId, error });
      }
    },
  };
}
