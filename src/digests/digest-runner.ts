/**
 * Runs a claimed DIGEST task: compute the digest (no model), store it on the task before
 * showing it, then post it as a new top-level message in the channel (its own thread)
 * with the chart in that thread. Exactly one post per slot:
 *  - the run is finished by a conditional update (pending → posted), once;
 *  - the content is stored before the post, so a re-run posts what was computed;
 *  - the post is reserved on the task (as a placeholder is), so a re-run after a crash
 *    updates the recorded message instead of posting a second one.
 * Retries stay inside the run (the task is released and redelivered); the last failure is
 * recorded once, tells the owner once, and may pause the digest.
 */
import type { OpenWarehouse } from '../core/ports/warehouse-connection.ts';
import type { Clock } from '../core/clock.ts';
import { KotaeError, isKotaeError, isRetryable } from '../core/errors.ts';
import { t } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import type { Logger } from '../core/logger.ts';
import { ensurePlaceholder } from '../core/placeholder.ts';
import type { ChatPlatform, MessageRef, UploadedFile } from '../core/ports/chat-platform.ts';
import type { DirectMessages } from '../core/ports/direct-messages.ts';
import type { TaskView } from '../core/ports/task-handler.ts';
import type { TaskLifecycle } from '../core/ports/task-lifecycle.ts';
import type { TaskPlaceholders } from '../core/ports/task-placeholder.ts';
import type { TaskResults } from '../core/ports/task-results.ts';
import type { Reply } from '../core/reply.ts';
import type { Task } from '../core/task.ts';
import { systemTimers, type Timers } from '../core/timers.ts';
import { storedLocale } from '../core/stored-locale.ts';
import type { ChartImageStore } from '../store/chart-image-store.ts';
import type { DigestRunStore } from '../store/digest-run-store.ts';
import type { SubscriptionStore } from '../store/subscription-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { keepLease, LEASE_LOST } from '../worker/lease-keeper.ts';
import { fromStoredResult, toStoredResult, type StoredResult } from '../worker/stored-result.ts';
import { buildTaskView } from '../worker/task-view.ts';
import { computeDigest, type RenderChart } from './digest-compute.ts';
import { recordDigestFailure } from './digest-failure.ts';

export interface DigestRunnerDeps {
  tasks: TaskLifecycle & TaskResults & TaskPlaceholders;
  runs: DigestRunStore;
  subscriptions: SubscriptionStore;
  workspaces: WorkspaceStore;
  charts: ChartImageStore;
  platformFor: (platform: TaskView['thread']['platform']) => ChatPlatform;
  directMessages: DirectMessages;
  openWarehouse: OpenWarehouse;
  renderChart: RenderChart;
  clock: Clock;
  /** What a post race sleeps on (default: the real timers). */
  timers?: Timers;
  logger: Logger;
  options: { workerId: string; leaseMs: number; chartTtlMs: number };
}

/** What a digest task stores before posting: the post, or that there was nothing to post. */
type StoredDigest = StoredResult & { digest: { empty: boolean; headline: number | null } };

export interface DigestRunner {
  /** Runs a task already claimed by this worker; throws to have the queue redeliver it. */
  run(task: Task, shutdown: AbortSignal): Promise<void>;
}

export function createDigestRunner(deps: DigestRunnerDeps): DigestRunner {
  const { tasks, runs, clock, logger, options } = deps;
  const owner = options.workerId;

  /** Posts the digest once: a recorded message is updated, never posted again. */
  async function post(task: Task, platform: ChatPlatform, reply: Reply): Promise<MessageRef> {
    const { chart, ...withoutChart } = reply;
    // We hold the task's lease: a reservation left by a dead worker is taken over at once.
    const message = await ensurePlaceholder(
      { tasks, clock, timers: deps.timers ?? systemTimers },
      task,
      platform,
      {
        holder: `digest:${owner}`,
        waitMs: 0,
        content: { kind: 'reply', reply: withoutChart },
        idempotencyKey: `${task.id}:digest`,
      },
    );
    const { thread, messageId } = message;
    if (!chart) return message;
    let uploaded = task.chartFileId ? (JSON.parse(task.chartFileId) as UploadedFile) : undefined;
    if (!uploaded) {
      const stored = (task.result as StoredDigest | null)?.reply.chart;
      uploaded = await platform.upload(
        { ...thread, threadId: messageId },
        {
          filename: `kotae-digest-${task.id.slice(0, 8)}.png`,
          mimeType: 'image/png',
          bytes: chart.png,
          title: chart.spec.title || chart.altText,
          ...(stored?.expiresAt
            ? { stored: { imageId: stored.imageId, expiresAt: new Date(stored.expiresAt) } }
            : {}),
        },
      );
      await tasks.setChartFile(task.id, JSON.stringify(uploaded));
    }
    await platform.update(message, { kind: 'reply', reply, chart: uploaded });
    return message;
  }

  function reasonOf(error: unknown, locale: Locale, taskId: string): string {
    if (isKotaeError(error) && error.userMessage) return t(locale, error.userMessage, error.userParams);
    return t(locale, 'digest.failed.internal', { ref: taskId.slice(0, 8) });
  }

  return {
    async run(task, shutdown) {
      const locale = storedLocale(task.locale);
      const found = await runs.findByTask(task.id);
      const platform = deps.platformFor(task.thread.platform);
      if (!found || found.run.status !== 'pending') {
        // The subscription was removed, or the run already ended: nothing more to do.
        if (found) await tasks.complete(task.id, owner, clock.now());
        else
          await tasks.fail(
            task.id,
            owner,
            { code: 'digest_gone', message: 'The digest no longer exists' },
            clock.now(),
          );
        return;
      }
      const { run, subscription } = found;
      const failFinally = async (error: unknown) => {
        const reason = reasonOf(error, locale, task.id);
        await recordDigestFailure(
          { runs, subscriptions: deps.subscriptions, directMessages: deps.directMessages, platform, logger },
          { run, subscription, locale, reason, now: clock.now() },
        );
        await tasks.fail(
          task.id,
          null,
          { code: isKotaeError(error) ? error.code : 'internal', message: reason },
          clock.now(),
        );
        logger.info('digest run failed', { taskId: task.id, runId: run.id, reason });
      };
      if (task.attempts > task.maxAttempts) {
        await failFinally(
          new KotaeError('attempts_exhausted', 'Attempts exhausted', {
            userMessage: 'digest.failed.attempts',
            userParams: { attempts: task.maxAttempts },
          }),
        );
        return;
      }

      const controller = new AbortController();
      const onShutdown = () => controller.abort('shutdown');
      if (shutdown.aborted) onShutdown();
      shutdown.addEventListener('abort', onShutdown);
      const lease = keepLease({
        tasks,
        taskId: task.id,
        owner,
        leaseMs: options.leaseMs,
        clock,
        logger,
        controller,
      });
      try {
        let stored = task.result as StoredDigest | null;
        if (!stored) {
          const content = await computeDigest(
            {
              view: await buildTaskView(task, deps.workspaces),
              subscription,
              slot: run.scheduledFor,
              late: run.late,
              previousHeadline: await runs.previousHeadline(subscription.id, run.scheduledFor),
              signal: controller.signal,
            },
            deps,
          );
          const expiresAt = new Date(clock.now().getTime() + options.chartTtlMs);
          const result = await toStoredResult(
            { reply: content.reply },
            { charts: deps.charts, taskId: task.id, expiresAt },
          );
          stored = { ...result, digest: { empty: content.empty, headline: content.headline } };
          if (!(await tasks.saveResult(task.id, owner, stored))) throw LEASE_LOST;
          task = { ...task, result: stored };
        }
        if (controller.signal.aborted) throw controller.signal.reason;
        let messageId: string | null = null;
        if (!(stored.digest.empty && subscription.emptyMode === 'skip')) {
          const { reply } = await fromStoredResult(stored, deps.charts, clock.now());
          messageId = (await post(task, platform, reply)).messageId;
        }
        await runs.finish(
          run.id,
          { status: messageId ? 'posted' : 'skipped', headline: stored.digest.headline, messageId },
          clock.now(),
        );
        await tasks.complete(task.id, owner, clock.now());
        logger.info('digest run finished', { taskId: task.id, runId: run.id, posted: Boolean(messageId) });
      } catch (error) {
        const reason = controller.signal.aborted ? controller.signal.reason : null;
        if (reason === 'shutdown') {
          await tasks.release(task.id, owner, { refundAttempt: true });
          throw new KotaeError('task_released', 'Released at shutdown', { retryable: true });
        }
        if (reason === LEASE_LOST || error === LEASE_LOST) return;
        if (isRetryable(error) && task.attempts < task.maxAttempts) {
          logger.warn('digest run failed; it will run again', { taskId: task.id, error });
          await tasks.release(task.id, owner, { refundAttempt: false });
          throw error;
        }
        logger.error('digest run failed', { taskId: task.id, error });
        await failFinally(error);
      } finally {
        lease.stop();
        shutdown.removeEventListener('abort', onShutdown);
      }
    },
  };
}
