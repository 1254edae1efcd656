/**
 * The one owner of a task's first message: it reserves, posts and records it. Intake posts
 * the placeholder right after its ack, the worker makes sure one exists before it runs,
 * and a digest run posts its digest the same way. Slack has no idempotency key for posts,
 * so only the holder of the reservation posts; everyone else reads the recorded message.
 */
import { randomUUID } from 'node:crypto';
import type { Clock } from './clock.ts';
import { t } from './i18n/translate.ts';
import type { Locale } from './locale.ts';
import {
  placeholderKey,
  type ChatPlatform,
  type MessageContent,
  type MessageRef,
} from './ports/chat-platform.ts';
import type { PlaceholderState, TaskPlaceholders } from './ports/task-placeholder.ts';
import type { Task } from './task.ts';
import { sleep, type Timers } from './timers.ts';

/**
 * While another holds the reservation, how often a waiter looks for its message: soon at
 * first, then backing off, so that in a burst the polls do not crowd out (on the embedded
 * one-connection database) the very writes they wait for.
 */
const POLL_MS = 15;
const POLL_MAX_MS = 200;

type PlaceholderTask = Pick<Task, 'id' | 'thread' | 'placeholderId' | 'placeholderReservedBy'>;

export function placeholderContent(locale: Locale): MessageContent {
  return { kind: 'status', text: t(locale, 'task.placeholder'), steps: [] };
}

async function postReserved(
  tasks: TaskPlaceholders,
  task: PlaceholderTask,
  platform: ChatPlatform,
  holder: string,
  message: { content: MessageContent; idempotencyKey: string },
): Promise<MessageRef> {
  let posted;
  try {
    // Platforms that dedupe creates (Chat's requestId) dedupe on this key too.
    posted = await platform.post(task.thread, message.content, { idempotencyKey: message.idempotencyKey });
  } catch (error) {
    await tasks.releasePlaceholder(task.id, holder);
    throw error;
  }
  return { thread: task.thread, messageId: await tasks.setPlaceholder(task.id, posted.messageId, holder) };
}

/**
 * Intake, after its ack: posts the placeholder unless someone already reserved or posted
 * it. Never waits; a failed post gives the reservation back and throws.
 */
export async function offerPlaceholder(
  tasks: TaskPlaceholders,
  task: PlaceholderTask,
  platform: ChatPlatform,
  locale: Locale,
): Promise<MessageRef | null> {
  if (task.placeholderId || task.placeholderReservedBy) return null;
  const holder = `intake:${randomUUID()}`;
  if (!(await tasks.reservePlaceholder(task.id, holder))) return null;
  return await postReserved(tasks, task, platform, holder, {
    content: placeholderContent(locale),
    idempotencyKey: placeholderKey(task.id),
  });
}

export interface EnsureOptions {
  /** Names this poster in the reservation (e.g. `worker:<id>`). */
  holder: string;
  /** How long another holder may take to record its message before it is taken over. */
  waitMs: number;
  content: MessageContent;
  idempotencyKey: string;
}

/**
 * The worker (which holds the task's lease): the task's message, posting it if nobody has.
 * Another holder gets `waitMs` (by the injected clock) to record its message; one that
 * has not by then (it died) is taken over.
 */
export async function ensurePlaceholder(
  deps: { tasks: TaskPlaceholders; clock: Clock; timers: Timers },
  task: PlaceholderTask,
  platform: ChatPlatform,
  options: EnsureOptions,
): Promise<MessageRef> {
  const { tasks, clock } = deps;
  const deadline = clock.now().getTime() + options.waitMs;
  let state: PlaceholderState = { messageId: task.placeholderId, reservedBy: task.placeholderReservedBy };
  let pollMs = POLL_MS;
  for (;;) {
    if (state.messageId) return { thread: task.thread, messageId: state.messageId };
    const held = state.reservedBy;
    if (!held || clock.now().getTime() >= deadline) {
      const mine = `${options.holder}:${randomUUID()}`;
      const reserved = await tasks.reservePlaceholder(task.id, mine, held ? { replacing: held } : {});
      if (reserved) return await postReserved(tasks, task, platform, mine, options);
    }
    await sleep(deps.timers, Math.min(pollMs, Math.max(1, deadline - clock.now().getTime())));
    pollMs = Math.min(POLL_MAX_MS, pollMs * 2);
    state = (await tasks.placeholderOf(task.id)) ?? { messageId: null, reservedBy: null };
  }
}
