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
import { KotaeError, isRetryable } from '../core/errors.ts';
import { threadKey } from '../core/chat-event.ts';
import type { Clock } from '../core/clock.ts';
import type { Locale } from '../core/locale.ts';
import type { Logger } from '../core/logger.ts';
import { ensurePlaceholder, placeholderContent } from '../core/placeholder.ts';
import {
  placeholderKey,
  type ChatPlatform,
  type MessageRef,
  type UploadedFile,
} from '../core/ports/chat-platform.ts';
import type { TaskHandler, TaskKind, TaskView } from '../core/ports/task-handler.ts';
import type { TaskLifecycle } from '../core/ports/task-lifecycle.ts';
import type { TaskPlaceholders } from '../core/ports/task-placeholder.ts';
import type { TaskResults } from '../core/ports/task-results.ts';
import type { TaskSteps } from '../core/ports/task-steps.ts';
import type { Reply } from '../core/reply.ts';
import type { Task } from '../core/task.ts';
import { systemTimers, type Timers } from '../core/timers.ts';
import { storedLocale } from '../core/stored-locale.ts';
import { t } from '../core/i18n/translate.ts';
import type { ChartImageStore } from '../store/chart-image-store.ts';
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

export interface TaskRunnerDeps {
  tasks: TaskLifecycle & TaskResults & TaskPlaceholders;
  steps: TaskSteps;
  workspaces: WorkspaceStore;
  threads: ThreadStore;
  charts: ChartImageStore;
  platformFor: (platform: TaskView['thread']['platform']) => ChatPlatform;
  handlerFor: (kind: TaskKind) => TaskHandler;
  /** Runs claimed DIGEST tasks end to end (they post their own top-level message, no placeholder). */
  digests?: { run(task: Task, shutdown: AbortSignal): Promise<void> };
  clock: Clock;
  /** What the placeholder wait sleeps on (default: the real timers). */
  timers?: Timers;
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
   * The task's placeholder message: the one intake posted, or ours. See core/placeholder.ts;
   * a reservation not turned into a message within placeholderWaitMs is taken over.
   */
  function placeholderFor(task: Task, platform: ChatPlatform, locale: Locale): Promise<MessageRef> {
    return ensurePlaceholder({ tasks, clock, timers: deps.timers ?? systemTimers }, task, platform, {
      holder: `worker:${owner}`,
      waitMs: options.placeholderWaitMs,
      content: placeholderContent(locale),
      idempotencyKey: placeholderKey(task.id),
    });
  }

  async function deliver(
    task: Task,
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
    task: Task,
    platform: ChatPlatform,
    locale: Locale,
    error: { code: string; message: string },
  ) {
    const reply: Reply = { kind: 'error', locale, text: error.message };
    try {
      const placeholder = await placeholderFor(task, platform, locale);
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
      const platform = deps.platformFor(task.thread.platform);

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
        const placeholder = await placeholderFor(task, platform, locale);
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
          const { thread } = task;
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
