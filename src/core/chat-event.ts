/**
 * What ingress (Slack, Google Chat, the console) hands the rest of Kotae, after it has
 * verified and parsed a platform event. Nothing platform-specific crosses this line.
 */
import type { Locale } from './locale.ts';

export type Platform = 'slack' | 'gchat' | 'console';

/** Where a conversation lives: the platform, the workspace, the channel and the thread. */
export interface ThreadRef {
  platform: Platform;
  /** Slack team id, Google Workspace (space's) domain key, or "local" for the console. */
  workspaceId: string;
  channelId: string;
  /**
   * Thread root id (Slack thread_ts, Chat thread.name, console thread id). Empty when the
   * conversation has no thread yet (e.g. a slash command): the reply starts one.
   */
  threadId: string;
}

/** A question someone asked. */
export interface QuestionEvent {
  /** The platform's own id for the delivery, e.g. Slack's event_id; makes the idempotency key. */
  eventId: string;
  thread: ThreadRef;
  userId: string;
  text: string;
  /** The locale the user or workspace prefers, if the platform says. */
  locale?: Locale;
  /** The user's IANA time zone, if the platform says. */
  timeZone?: string;
  receivedAt: Date;
}

/** A `/kotae …` command. */
export interface CommandEvent {
  /** A unique id of this invocation (Slack trigger_id, Chat message name), for idempotency. */
  eventId?: string;
  /** Where the command was typed; threadId is empty when not in a thread. */
  thread: ThreadRef;
  userId: string;
  /** The sender's email, when the platform gives one (Google Chat): who is an admin there. */
  userEmail?: string;
  /** Everything after the command name, e.g. "ask 先月の売上は？". */
  text: string;
  locale?: Locale;
  /**
   * The language to answer in when the command's own words show none (a verb like
   * `status` is no language): the workspace's, as the question path falls back to.
   */
  fallbackLocale?: Locale;
}

export function threadKey(thread: ThreadRef): string {
  return `${thread.platform}:${thread.workspaceId}:${thread.channelId}:${thread.threadId}`;
}
