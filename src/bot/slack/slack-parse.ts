/**
 * An Events API message (app_mention, or a message in the app's DM) → a QuestionEvent,
 * or null for what is not a question: other bots (including ourselves), edits, deletions,
 * joins and every other message subtype.
 */
import type { QuestionEvent } from '../../core/chat-event.ts';

export interface SlackMessageEvent {
  type: string;
  user?: string;
  text?: string;
  ts?: string;
  thread_ts?: string;
  channel?: string;
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  team?: string;
}

export function toQuestionEvent(
  body: Record<string, unknown>,
  event: SlackMessageEvent,
  options: { botUserId?: string; receivedAt: Date },
): QuestionEvent | null {
  // file_share is a person's message with a file attached; every other subtype is not a question.
  if (event.subtype !== undefined && event.subtype !== 'file_share') return null;
  if (event.bot_id || !event.user || !event.channel || !event.ts) return null;
  if (options.botUserId && event.user === options.botUserId) return null;
  const eventId = typeof body.event_id === 'string' ? body.event_id : null;
  const teamId = teamOf(body, event);
  if (!eventId || !teamId) return null;
  return {
    eventId,
    thread: {
      platform: 'slack',
      workspaceId: teamId,
      channelId: event.channel,
      threadId: event.thread_ts ?? event.ts,
    },
    userId: event.user,
    text: questionText(event.text ?? '', options.botUserId),
    receivedAt: options.receivedAt,
  };
}

/** The team the message belongs to; an org-wide install still names the workspace here. */
export function teamOf(body: Record<string, unknown>, event?: { team?: string }): string | null {
  if (typeof body.team_id === 'string') return body.team_id;
  if (event?.team) return event.team;
  const authorizations = body.authorizations as Array<{ team_id?: string }> | undefined;
  return authorizations?.[0]?.team_id ?? null;
}

/**
 * Slack's message text → what the user typed. Slack escapes &, < and > and wraps
 * mentions, channels and links in angle brackets
 * (https://docs.slack.dev/messaging/formatting-message-text):
 *   <@U123>  <#C123|general>  <!here>  <https://x.example|label>  <mailto:a@b.jp|a@b.jp>
 * The bot's own mention is removed: "@Kotae 先月の売上は？" asks "先月の売上は？".
 */
export function questionText(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]+)>/g, (_match, inner: string) => {
      const [target = '', label] = inner.split('|');
      if (target.startsWith('@')) {
        const id = target.slice(1);
        return id === botUserId ? '' : `@${label ?? id}`;
      }
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^subteam\^/, '')}`;
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
