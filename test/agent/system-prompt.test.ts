/**
 * The system prompt. If this breaks, the model writes SQL for the wrong dialect, resolves
 * "先月" against the wrong date, skips the schema, or answers in the wrong language.
 */
import { describe, expect, it } from 'vitest';
import { buildSystemPrompt, describeNow } from '../../src/agent/system-prompt.ts';

const base = {
  dialect: 'BigQuery GoogleSQL',
  instructions: 'Datasets: sales_mart.',
  locale: 'en' as const,
  // 23:30 UTC on 31 January is already 1 February in Tokyo.
  now: new Date('2026-01-31T23:30:00Z'),
  timeZone: 'Asia/Tokyo',
  toolNames: ['list_datasets', 'list_tables', 'describe_table', 'execute_query'],
};

describe('buildSystemPrompt', () => {
  it('states the dialect, the server’s instructions, the language and the local date', () => {
    const prompt = buildSystemPrompt(base);
    expect(prompt).toContain('SQL dialect: BigQuery GoogleSQL.');
    expect(prompt).toContain('Datasets: sales_mart.');
    expect(prompt).toContain('Answer in English');
    expect(prompt).toContain('Now: 2026-02-01 (Sunday) 08:30, Asia/Tokyo (GMT+09:00).');
    expect(prompt).toContain('Read-only');
    expect(prompt).toContain('Never invent tables or columns');
  });

  it('has the model search tables first when the server offers search_tables', () => {
    expect(buildSystemPrompt(base)).toContain('Find tables with list_datasets and list_tables');
    expect(buildSystemPrompt({ ...base, toolNames: [...base.toolNames, 'search_tables'] })).toContain(
      'Start with search_tables',
    );
  });

  it('explains result ids only when the local tools are offered', () => {
    expect(buildSystemPrompt(base)).not.toContain('run_analysis');
    const prompt = buildSystemPrompt({
      ...base,
      locale: 'ja',
      toolNames: [...base.toolNames, 'run_analysis', 'make_chart'],
    });
    expect(prompt).toContain('(q1, q2, …)');
    expect(prompt).toContain('make_chart');
    expect(prompt).toContain('Answer in Japanese (日本語)');
  });
});

describe('describeNow', () => {
  it('uses the workspace time zone', () => {
    expect(describeNow(new Date('2026-07-01T12:00:00Z'), 'America/New_York')).toBe(
      '2026-07-01 (Wednesday) 08:00, America/New_York (GMT-04:00)',
    );
  });
});
