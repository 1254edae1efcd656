/**
 * Earlier turns of the thread, as model messages: the memory behind follow-ups ("and by
 * prefecture?"). Bounded by a token budget. Turns are kept or left out whole, newest first,
 * and never cut mid-message: a half answer or half a SQL statement would mislead the model
 * more than no memory at all. Turns that do not fit are summarised by their question alone,
 * while those fit; the oldest are dropped.
 */
import type { ModelMessage } from '../core/ports/chat-model.ts';
import type { ThreadTurnView } from '../core/ports/task-handler.ts';
import { MESSAGE_OVERHEAD_TOKENS, estimateTokens } from './estimate-tokens.ts';

export interface ThreadMemory {
  /** user/assistant pairs for the turns kept whole, oldest first. */
  messages: ModelMessage[];
  /** A note listing earlier questions that did not fit whole; empty when there are none. */
  earlierQuestions: string;
  /** Turns kept whole, summarised, and dropped. */
  kept: number;
  summarised: number;
  dropped: number;
}

export function buildThreadMemory(history: ThreadTurnView[], maxTokens: number): ThreadMemory {
  let remaining = maxTokens;
  const keptTurns: ThreadTurnView[] = [];
  let index = history.length - 1;
  for (; index >= 0; index -= 1) {
    const turn = history[index]!;
    const cost = turnTokens(turn);
    if (cost > remaining) break;
    remaining -= cost;
    keptTurns.unshift(turn);
  }
  // Everything older than the first turn that did not fit becomes a one-line summary, newest first.
  const summarisedQuestions: string[] = [];
  for (; index >= 0; index -= 1) {
    const line = `- ${oneLine(history[index]!.question)}`;
    const cost = estimateTokens(line) + 1;
    if (cost > remaining) break;
    remaining -= cost;
    summarisedQuestions.unshift(line);
  }
  return {
    messages: keptTurns.flatMap(turnMessages),
    earlierQuestions:
      summarisedQuestions.length === 0
        ? ''
        : `Earlier questions in this thread (answers omitted):\n${summarisedQuestions.join('\n')}`,
    kept: keptTurns.length,
    summarised: summarisedQuestions.length,
    dropped: index + 1,
  };
}

function turnMessages(turn: ThreadTurnView): ModelMessage[] {
  return [
    { role: 'user', content: turn.question },
    { role: 'assistant', content: assistantText(turn), toolCalls: [] },
  ];
}

/** What the model needs to continue from a turn: its answer, the SQL behind it, the result's shape. */
function assistantText(turn: ThreadTurnView): string {
  const parts = [turn.answer.trim()];
  if (turn.sql.length > 0)
    parts.push(`SQL used:\n${turn.sql.map((sql) => '```sql\n' + sql.trim() + '\n```').join('\n')}`);
  if (turn.resultSummary.trim() !== '') parts.push(`Result: ${turn.resultSummary.trim()}`);
  return parts.join('\n\n');
}

function turnTokens(turn: ThreadTurnView): number {
  return estimateTokens(turn.question) + estimateTokens(assistantText(turn)) + 2 * MESSAGE_OVERHEAD_TOKENS;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
