/**
 * Runs one delivered task to its end: claim → placeholder → handler (with steps and a
 * kept lease) → store the answer → deliver it → COMPLETED; or one clear error → FAILED.
 *
 * Exactly one final answer per task, whatever the queue redelivers or a crash interrupts:
 *  - the claim admits one worker at a time;
 *  - the answer is stored before it is delivered, so a re-run delivers the stored answer;
 *  - the final answer replaces the placeholder (an update, idempotent), never a new post;
 *  - a chart upload is recorded, so a re-run does not upload it twice.
 */
import { randomUUID } from 'node:crypto';
import { KotaeError, isRetryable } from '../core/errors.ts';
import { threadKey } from '../core/chat-event.ts';
import type { Clock } from '../core/clock.ts';
import type { Locale } from '../core/locale.ts';
import type { Logger } from '../core/logger.ts';
import {
  placeholderKey,
  type ChatPlatform,
  type MessageRef,
  type UploadedFile,
} from '../core/ports/chat-platform.ts';
import type { TaskHandler, TaskKind, TaskView } from '../core/ports/task-handler.ts';
import type { Reply } from '../core/reply.ts';
import { storedLocale } from '../core/stored-locale.ts';
import { t } from '../core/i18n/translate.ts';
import type { ChartImageStore } from '../store/chart-image-store.ts';
import type { StepStore } from '../store/step-store.ts';
import { placeholderReservation, taskThread, type TaskRecord, type TaskStore } from '../store/task-store.ts';
import type { ThreadStore } from '../store/thread-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { keepLease, LEASE_LOST } from './lease-keeper.ts';
import { createStatusUpdater } from './status-updater.ts';
import { createStepRecorder, formatStepLines, withSteps } from './step-recorder.ts';
import { buildTaskView } from './task-view.ts';
import {
  fromStoredResult,
  toStoredResult,
  type StoredChartImage,
  type StoredResult,
} from './stored-result.ts';
import { userFacingError } from './user-facing-error.ts';

export const SHUTDOWN = 'shutdown';

/**
 * While another holds the placeholder reservation, how often a task looks for its message:
 * soon at first, then backing off, so that in a burst the polls do not crowd out (on the
 * embedded one-connection database) the very writes they wait for.
 */
const PLACEHOLDER_POLL_MS = 15;
const PLACEHOLDER_POLL_MAX_MS = 200;

export interface TaskRunnerDeps {
  tasks: TaskStore;
  steps: StepStore;
  workspaces: WorkspaceStore;
  threads: ThreadStore;
  charts: ChartImageStore;
  platformFor: (platform: TaskView['thread']['platform']) => ChatPlatform;
  handlerFor: (kind: TaskKind) => TaskHandler;
  /** Runs claimed DIGEST tasks end to end (they post their own top-level message, no placeholder). */
  digests?: { run(task: TaskRecord, shutdown: AbortSignal): Promise<void> };
  clock: Clock;
  logger: Logger;
  options: {
    workerId: string;
    leaseMs: number;
    historyTurns: number;
    chartTtlMs: number;
    /** How long to wait for ingress to record its placeholder before posting our own. */
    placeholderWaitMs: number;
  };
}

export interface TaskRunner {
  run(taskId: string, shutdown: AbortSignal): Promise<void>;
}

export function createTaskRunner(deps: TaskRunnerDeps): TaskRunner {
  const { tasks, clock, logger, options } = deps;
  const owner = options.workerId;

  /**
   * The task's placeholder message. Ingress and the worker may both want to post it;
   * whoever reserves it first posts, the other waits for the message id. A reservation
   * not turned into a message within placeholderWaitMs (its holder died) is taken over.
   */
  async function ensurePlaceholder(
    task: TaskRecord,
    platform: ChatPlatform,
    locale: Locale,
  ): Promise<MessageRef> {
    const thread = taskThread(task);
    const post = async (replacing: string): Promise<MessageRef> => {
      const posted = await platform.post(
        thread,
        { kind: 'status', text: t(locale, 'task.placeholder'), steps: [] },
        // Platforms that dedupe creates (Chat's requestId) dedupe on this key too.
        { idempotencyKey: placeholderKey(task.id) },
      );
      return { thread, messageId: await tasks.setPlaceholder(task.id, posted.messageId, replacing) };
    };
    let current = task.placeholderId;
    const deadline = Date.now() + options.placeholderWaitMs;
    let pollMs = PLACEHOLDER_POLL_MS;
    for (;;) {
      const held = placeholderReservation(current);
      if (current && !held) return { thread, messageId: current };
      if (!held) {
        const mine = `worker:${owner}:${randomUUID()}`;
        if (await tasks.reservePlaceholder(task.id, mine)) return await post(mine);
      } else if (Date.now() >= deadline) {
        return await post(held);
      }
      const wait = Math.min(pollMs, Math.max(1, deadline - Date.now()));
      await new Promise((resolve) => setTimeout(resolve, wait));
      pollMs = Math.min(PLACEHOLDER_POLL_MAX_MS, pollMs * 2);
      current = (await tasks.get(task.id))?.placeholderId ?? null;
    }
  }

  async function deliver(
    task: TaskRecord,
    platform: ChatPlatform,
    placeholder: MessageRef,
    reply: Reply,
    stored: StoredChartImage | undefined,
  ): Promise<void> {
    let chart: UploadedFile | undefined;
    if (reply.chart) {
      chart = task.chartFileId ? (JSON.parse(task.chartFileId) as UploadedFile) : undefined;
      if (!chart) {
        // A question asked outside a thread (a slash command) has its thread at the answer.
        const thread = placeholder.thread.threadId
          ? placeholder.thread
          : { ...placeholder.thread, threadId: placeholder.messageId };
        chart = await platform.upload(thread, {
          filename: `kotae-chart-${task.id.slice(0, 8)}.png`,
          mimeType: 'image/png',
          bytes: reply.chart.png,
          title: reply.chart.spec.title || reply.chart.altText,
          ...(stored ? { stored } : {}),
        });
        await tasks.setChartFile(task.id, JSON.stringify(chart));
      }
    }
    await platform.update(placeholder, { kind: 'reply', reply, ...(chart ? { chart } : {}) });
  }

  async function failTask(
    task: TaskRecord,
    platform: ChatPlatform,
    locale: Locale,
    error: { code: string; message: string },
  ) {
    const reply: Reply = { kind: 'error', locale, text: error.message };
    try {
      const placeholder = await ensurePlaceholder(task, platform, locale);
      await platform.update(placeholder, { kind: 'reply', reply });
    } catch (deliveryError) {
      logger.error('could not deliver the failure message', { taskId: task.id, error: deliveryError });
    }
    await tasks.fail(task.id, null, error, clock.now());
    logger.info('task failed', { taskId: task.id, code: error.code });
  }

  return {
    async run(taskId, shutdown) {
      const task = await tasks.claim(taskId, owner, options.leaseMs, clock.now());
      if (!task) {
        logger.debug('claim was a no-op: the task is running elsewhere or finished', { taskId });
        return;
      }
      if (task.kind === 'DIGEST' && deps.digests) return await deps.digests.run(task, shutdown);
      const locale = storedLocale(task.locale);
      const platform = deps.platformFor(taskThread(task).platform);

      if (task.attempts > task.maxAttempts) {
        await failTask(task, platform, locale, {
          code: 'attempts_exhausted',
          message: t(locale, 'task.failed', {
            reason: t(locale, 'task.failed.attempts', { attempts: task.maxAttempts }),
          }),
        });
        return;
      }

      const controller = new AbortController();
      const onShutdown = () => controller.abort(SHUTDOWN);
      if (shutdown.aborted) onShutdown();
      shutdown.addEventListener('abort', onShutdown);
      const lease = keepLease({ tasks, taskId, owner, leaseMs: options.leaseMs, clock, logger, controller });

      try {
        const placeholder = await ensurePlaceholder(task, platform, locale);
        let stored = task.result as StoredResult | null;
        if (!stored) {
          const status = createStatusUpdater(platform, placeholder, logger);
          const steps = createStepRecorder({
            steps: deps.steps,
            taskId,
            attempt: task.attempts,
            clock,
            logger,
            onChange: (lines) =>
              status.push({
                kind: 'status',
                text: t(locale, 'task.placeholder'),
                steps: formatStepLines(lines, locale),
              }),
          });
          const startedAt = clock.now().getTime();
          const view = await buildTaskView(task, deps.workspaces);
          const history = await deps.threads.recent(threadKey(view.thread), options.historyTurns);
          const outcome = await deps
            .handlerFor(task.kind)
            .run({ task: view, history, signal: controller.signal, startStep: steps.start })
            .finally(async () => {
              await steps.settle();
              await status.flush();
            });
          if (controller.signal.aborted) throw controller.signal.reason;
          outcome.reply = withSteps(outcome.reply, steps.lines(), clock.now().getTime() - startedAt);
          stored = await toStoredResult(outcome, {
            charts: deps.charts,
            taskId,
            expiresAt: new Date(clock.now().getTime() + options.chartTtlMs),
          });
          const saved = await tasks.saveResult(taskId, owner, stored, outcome.usage);
          if (!saved) throw LEASE_LOST;
        }
        const { reply, chartImage } = await fromStoredResult(stored, deps.charts, clock.now());
        if (stored.turn) {
          // Remembered before it is shown, so an immediate follow-up sees it. A question asked
          // outside a thread (a slash command) starts one at its answer.
          const thread = taskThread(task);
          const memoryThread = thread.threadId ? thread : { ...thread, threadId: placeholder.messageId };
          await deps.threads.save({
            threadKey: threadKey(memoryThread),
            taskId,
            question: task.question,
            answer: reply.text,
            sql: stored.turn.sql,
            resultSummary: stored.turn.resultSummary,
            createdAt: clock.now(),
          });
        }
        await deliver(task, platform, placeholder, reply, chartImage);
        await tasks.complete(taskId, owner, clock.now());
        logger.info('task completed', { taskId, attempt: task.attempts });
      } catch (error) {
        const reason = controller.signal.aborted ? controller.signal.reason : null;
        if (reason === SHUTDOWN) {
          await tasks.release(taskId, owner, { refundAttempt: true });
          throw new KotaeError('task_released', 'Released at shutdown', { retryable: true });
        }
        if (reason === LEASE_LOST || error === LEASE_LOST) return;
        if (isRetryable(error) && task.attempts < task.maxAttempts) {
          logger.warn('retryable failure; the task will run again', { taskId, error });
          await tasks.release(taskId, owner, { refundAttempt: false });
          throw error;
        }
        logger.error('task failed', { taskId, error });
        await failTask(task, platform, locale, userFacingError(error, locale, taskId));
      } finally {
        lease.stop();
        shutdown.removeEventListener('abort', onShutdown);
      }
    },
  };
}
