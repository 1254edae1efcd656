/**
 * Thread memory under a token budget. If this breaks, follow-ups lose their context ("and
 * by prefecture?" makes no sense), or a long thread blows the model's context window, or the
 * model sees half a SQL statement and builds on it.
 */
import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../../src/agent/estimate-tokens.ts';
import { buildThreadMemory } from '../../src/agent/thread-memory.ts';
import type { ThreadTurnView } from '../../src/core/ports/task-handler.ts';

function turn(index: number, answerChars = 40): ThreadTurnView {
  return {
    question: `質問${index}: 店舗${index}の売上は？`,
    answer: `回答${index}: ${'売'.repeat(answerChars)}`,
    sql: [`SELECT SUM(amount) FROM retail.orders WHERE store_id = ${index}`],
    resultSummary: `1 row(s); columns: sales (HUGEINT)`,
    createdAt: new Date(2026, 0, index),
  };
}

describe('estimateTokens', () => {
  it('counts Japanese as about one token per character and English conservatively', () => {
    // 8 wide characters, plus "10" counted as one token.
    expect(estimateTokens('売上トップ10の店舗')).toBe(9);
    expect(estimateTokens('SELECT 1')).toBe(3);
  });
});

describe('buildThreadMemory', () => {
  it('keeps every turn, whole and in order, when they fit', () => {
    const memory = buildThreadMemory([turn(1), turn(2)], 10_000);
    expect(memory.messages.map((message) => message.content.split('\n')[0])).toEqual([
      '質問1: 店舗1の売上は？',
      '回答1: ' + '売'.repeat(40),
      '質問2: 店舗2の売上は？',
      '回答2: ' + '売'.repeat(40),
    ]);
    expect(memory.messages[1]!.content).toContain(
      '```sql\nSELECT SUM(amount) FROM retail.orders WHERE store_id = 1\n```',
    );
    expect(memory).toMatchObject({ kept: 2, summarised: 0, dropped: 0, earlierQuestions: '' });
  });

  it('keeps the newest turns whole, summarises older ones by their question, and drops the oldest', () => {
    const history = Array.from({ length: 12 }, (_, index) => turn(index + 1, 300));
    const budget = 1_000;
    const memory = buildThreadMemory(history, budget);

    expect(memory.kept).toBeGreaterThan(0);
    expect(memory.kept).toBeLessThan(12);
    // Kept turns are the newest, complete: every answer has all 300 characters.
    const keptAnswers = memory.messages.filter((message) => message.role === 'assistant');
    for (const answer of keptAnswers) expect(answer.content).toContain('売'.repeat(300));
    expect(memory.messages.at(-2)!.content).toBe(history.at(-1)!.question);
    // Everything sent fits the budget.
    const sent =
      memory.messages.reduce((sum, message) => sum + estimateTokens(message.content) + 4, 0) +
      estimateTokens(memory.earlierQuestions);
    expect(sent).toBeLessThanOrEqual(budget);
    // Older turns appear as their questions only, newest of them last; none is cut.
    const summarised = memory.earlierQuestions.split('\n').slice(1);
    expect(summarised).toHaveLength(memory.summarised);
    for (const line of summarised) expect(history.some((item) => line === `- ${item.question}`)).toBe(true);
    expect(memory.kept + memory.summarised + memory.dropped).toBe(12);
  });

  it('leaves out a turn too big for the budget rather than cutting it', () => {
    const memory = buildThreadMemory([turn(1, 5_000)], 500);
    expect(memory.messages).toEqual([]);
    expect(memory.earlierQuestions).toContain('質問1: 店舗1の売上は？');
  });
});
