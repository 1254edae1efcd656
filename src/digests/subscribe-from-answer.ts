/**
 * Subscribing a channel from an answer: the form's preset, time, zone and empty-result
 * mode become a schedule kept as (preset, IANA zone); the answer's final SQL and its
 * ChartSpec (without the rows) are stored, so each run re-runs that SQL and re-draws that
 * chart. Anyone in the channel may subscribe it; the subscriber owns the digest.
 */
import type { Platform } from '../core/chat-event.ts';
import type { ChartSpec } from '../core/chart-spec.ts';
import { KotaeError } from '../core/errors.ts';
import { storedLocale } from '../core/stored-locale.ts';
import type { TaskReader } from '../core/ports/task-reader.ts';
import type { StoredResult } from '../worker/stored-result.ts';
import type { EmptyMode, SubscriptionStore } from '../store/subscription-store.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';
import { assertTimeZone, formatDigestSchedule, nextSlot, parseDigestSchedule } from './digest-schedule.ts';

export interface SubscribeForm {
  preset: 'daily' | 'weekdays' | 'weekly' | 'monthly';
  /** "HH:MM" in the zone. */
  time: string;
  /** weekly: mon…sun. */
  weekday?: string;
  /** monthly: 1…31 (31 runs on the last day of shorter months). */
  day?: number;
  /** IANA zone; the workspace's when absent. */
  timeZone?: string;
  emptyMode: EmptyMode;
  /** Defaults to the question. */
  title?: string;
}

export interface SubscribeRequest {
  taskId: string;
  person: { platform: Platform; workspaceId: string; userId: string };
  form: SubscribeForm;
  now: Date;
}

function notSubscribable(taskId: string): KotaeError {
  return new KotaeError('digest_answer_unavailable', `Task ${taskId} has no query to subscribe to`, {
    userMessage: 'digest.subscribe.unavailable',
  });
}

export function createSubscribeFromAnswer(deps: {
  tasks: TaskReader;
  workspaces: Pick<WorkspaceStore, 'get'>;
  subscriptions: Pick<SubscriptionStore, 'create'>;
}) {
  return async function subscribe(request: SubscribeRequest) {
    const { form, person } = request;
    const task = await deps.tasks.get(request.taskId);
    const thread = task ? task.thread : null;
    // The answer must be in the subscriber's own workspace: a task id from elsewhere reveals nothing.
    if (!task || !thread || thread.platform !== person.platform || thread.workspaceId !== person.workspaceId)
      throw notSubscribable(request.taskId);
    const reply = (task.result as StoredResult | null)?.reply;
    const sql = reply?.provenance?.sql.at(-1);
    if (task.kind !== 'QUESTION' || !reply || !sql) throw notSubscribable(request.taskId);

    const time = form.time.trim();
    const text =
      form.preset === 'weekly'
        ? `weekly ${form.weekday ?? ''} ${time}`
        : form.preset === 'monthly'
          ? `monthly ${form.day ?? ''} ${time}`
          : `${form.preset} ${time}`;
    const schedule = parseDigestSchedule(text);
    const timeZone = assertTimeZone(form.timeZone?.trim() || task.timeZone);
    const chartSpec: ChartSpec | null = reply.chart ? { ...reply.chart.spec, data: [] } : null;
    const name = (form.title?.trim() || task.question).slice(0, 200);
    const id = await deps.subscriptions.create({
      workspaceId: task.workspaceId,
      thread: { ...thread, threadId: '' },
      name,
      question: task.question,
      sql,
      chartSpec,
      emptyMode: form.emptyMode,
      schedule: formatDigestSchedule(schedule),
      timeZone,
      locale: storedLocale(task.locale),
      createdBy: person.userId,
      createdAt: request.now,
    });
    return {
      id,
      name,
      schedule: formatDigestSchedule(schedule),
      timeZone,
      next: nextSlot(schedule, timeZone, request.now),
    };
  };
}
