/**
 * The system prompt: who the bot is, the warehouse's dialect (as its MCP server reports
 * it), the rules, and today's date in the workspace's time zone. The guard against writes
 * lives in the MCP server, not here: the prompt only keeps the model from wasting steps.
 */
import type { Locale } from '../core/locale.ts';

export interface SystemPromptInput {
  dialect: string;
  /** The MCP server's own instructions, if it gave any. */
  instructions?: string;
  locale: Locale;
  now: Date;
  timeZone: string;
  toolNames: string[];
}

const LANGUAGE: Record<Locale, string> = { ja: 'Japanese (日本語)', en: 'English' };

export function buildSystemPrompt(input: SystemPromptInput): string {
  const has = (name: string): boolean => input.toolNames.includes(name);
  const explore = has('search_tables')
    ? 'Start with search_tables to find candidate tables, then describe_table on each table you will use.'
    : 'Find tables with list_datasets and list_tables, then describe_table on each table you will use.';
  const rules = [
    'Read-only: write only SELECT statements (WITH … SELECT is fine). Never try to change data.',
    `Explore the schema before writing SQL. ${explore} Never invent tables or columns: use only names you have seen in tool results.`,
    'Aggregate in SQL and fetch only the rows the answer needs (use LIMIT).',
    'When a tool returns an error, read it, fix the cause (e.g. the SQL) and try again.',
    'Show your work: include the SQL behind the answer in a ```sql code block.',
    `Answer in ${LANGUAGE[input.locale]}, the language of the question. Lead with the key figures, then a sentence or two. The rows of the last result are attached to your answer as a table, so do not repeat them all.`,
    'Say plainly when the data needed is missing, when a result is partial (truncated, filtered, sampled) or when you are unsure. Never guess or invent numbers.',
  ];
  if (has('run_analysis')) {
    rules.push(
      'Each execute_query result has an id (q1, q2, …). For calculations SQL makes awkward, call run_analysis with those ids as inputs instead of copying rows into code.',
    );
  }
  if (has('make_chart')) {
    rules.push(
      'When a trend or comparison is clearer as a picture, call make_chart once with data_from set to a result id; write its title and labels in the language of the question.',
    );
  }

  const sections = [
    'You are Kotae (答え), a data analyst in a team chat (Slack or Google Chat). People ask questions about their data; you answer them from the data warehouse using your tools.',
    [
      '# Warehouse',
      `SQL dialect: ${input.dialect}. Write SQL for this dialect only.`,
      input.instructions?.trim() ?? '',
    ]
      .filter(Boolean)
      .join('\n'),
    ['# Rules', ...rules.map((rule, index) => `${index + 1}. ${rule}`)].join('\n'),
    [
      '# Context',
      `Now: ${describeNow(input.now, input.timeZone)}. Resolve relative dates ("last month", 先月, 昨年) against this date in this time zone.`,
    ].join('\n'),
    '# Format\nMarkdown subset only: **bold**, _italic_, `code`, ``` blocks, "- " lists, [links](url). No headings, no HTML, no Markdown tables.',
  ];
  return sections.join('\n\n');
}

/** "2026-01-05 (Monday) 09:00, Asia/Tokyo (GMT+09:00)". */
export function describeNow(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts['year']}-${parts['month']}-${parts['day']} (${parts['weekday']}) ${parts['hour']}:${parts['minute']}, ${timeZone} (${parts['timeZoneName']})`;
}
