/**
 * The buttons under an answer card: "Show SQL" and 👍/👎. The button ids are the
 * renderer's (src/render/reply-actions.ts): function `kotae_show_sql`, or
 * `kotae_feedback` with parameter `value` = up|down; both carry `taskId`. A parameter
 * `action` wins over the function name, since Workspace add-ons cannot name functions.
 * The answer goes only to the person who clicked, and only in the space of the answer.
 */
import { formatSql } from '../../render/sql-display.ts';
import { z } from 'zod';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import { ACTION_IDS } from '../../render/reply-actions.ts';
import type { FeedbackStore } from '../../store/feedback-store.ts';
import type { TaskReader } from '../../core/ports/task-reader.ts';
import type { ChatApiMessage } from './gchat-client.ts';
import type { ChatInteraction } from './gchat-parse.ts';
import { storedLocale } from '../../core/stored-locale.ts';

type FeedbackValue = 'up' | 'down';

export interface AnswerSql {
  /** The space the answer was given in: SQL is only shown where the answer was. */
  channelId: string;
  locale: Locale;
  sql: string[];
}

export interface CardActionStore {
  findAnswerSql(taskId: string): Promise<AnswerSql | null>;
  recordFeedback(input: { taskId: string; userId: string; value: FeedbackValue }): Promise<void>;
}

const SHOW_SQL = new Set<string>([ACTION_IDS.showSql, 'show_sql']);
const FEEDBACK = new Set<string>([ACTION_IDS.feedback, 'feedback']);
const FEEDBACK_VALUE: Record<string, FeedbackValue | undefined> = {
  [ACTION_IDS.feedbackUp]: 'up',
  [ACTION_IDS.feedbackDown]: 'down',
};
/** Chat's limit on a message's text. */
const MAX_TEXT = 4096;

type CardClick = Extract<ChatInteraction, { kind: 'card_clicked' }>;

export async function handleCardAction(
  click: CardClick,
  store: CardActionStore,
  userLocale: Locale | undefined,
  defaultLocale: Locale,
): Promise<ChatApiMessage> {
  const { action, parameters, context } = click;
  const taskId = parameters['taskId'] ?? '';
  // Without the clicker's language or a known answer's, the configured one.
  const fallback = userLocale ?? defaultLocale;

  if (SHOW_SQL.has(action)) {
    const answer = taskId ? await store.findAnswerSql(taskId) : null;
    if (!answer || answer.channelId !== context.space.name)
      return { text: t(fallback, 'gchat.action.unknown') };
    const locale = userLocale ?? answer.locale;
    if (answer.sql.length === 0) return { text: t(locale, 'gchat.showSql.none') };
    return { text: sqlText(t(locale, 'gchat.showSql.title'), answer.sql) };
  }

  const value = FEEDBACK_VALUE[action] ?? (FEEDBACK.has(action) ? parameters['value'] : undefined);
  if ((value === 'up' || value === 'down') && taskId) {
    const answer = await store.findAnswerSql(taskId);
    if (!answer || answer.channelId !== context.space.name)
      return { text: t(fallback, 'gchat.action.unknown') };
    await store.recordFeedback({ taskId, userId: context.user.name, value });
    return { text: t(userLocale ?? answer.locale, 'gchat.feedback.thanks') };
  }
  // Subscribe comes here only where it cannot open its dialog (a Workspace add-on): the
  // command does the same.
  if (action === ACTION_IDS.subscribe) {
    const answer = taskId ? await store.findAnswerSql(taskId) : null;
    const locale = userLocale ?? answer?.locale ?? fallback;
    return { text: `${t(locale, 'gchat.subscribe.useCommand')}\n${t(locale, 'digest.command.add.usage')}` };
  }
  return { text: t(fallback, 'gchat.action.unknown') };
}

/** "*title*" and each statement in a ``` block, cut to fit one Chat message. */
function sqlText(title: string, statements: string[]): string {
  let text = `*${title}*`;
  for (const sql of statements) {
    const block = `\n\`\`\`\n${formatSql(sql).replaceAll('```', "'''")}\n\`\`\``;
    if (text.length + block.length > MAX_TEXT - 2) {
      text += '\n…';
      break;
    }
    text += block;
  }
  return text;
}

const storedResultSchema = z.object({
  reply: z.object({
    locale: z.string().optional(),
    provenance: z.object({ sql: z.array(z.string()) }).optional(),
  }),
});

/** The store the buttons need, over the task and feedback stores. */
export function createCardActionStore(deps: { tasks: TaskReader; feedback: FeedbackStore }): CardActionStore {
  return {
    async findAnswerSql(taskId) {
      const task = await deps.tasks.get(taskId).catch(() => null);
      if (!task) return null;
      const parsed = storedResultSchema.safeParse(task.result);
      const locale = storedLocale(task.locale);
      return {
        channelId: task.thread.channelId,
        locale,
        sql: parsed.success ? (parsed.data.reply.provenance?.sql ?? []) : [],
      };
    },
    recordFeedback: (input) => deps.feedback.record(input),
  };
}
