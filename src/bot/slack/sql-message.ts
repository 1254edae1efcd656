/**
 * The SQL behind an answer as a Slack message: one code block per statement. A section
 * holds at most 3,000 characters and a message 50 blocks, so long statements are cut with
 * a visible mark rather than refused by Slack.
 */
import { formatSql } from '../../render/sql-display.ts';

const MAX_SECTION = 3_000;
const MAX_STATEMENTS = 20;

export function sqlMessage(
  title: string,
  statements: string[],
): { text: string; blocks: Array<Record<string, unknown>> } {
  const shown = statements.slice(0, MAX_STATEMENTS).map((sql) => formatSql(sql));
  const budget = MAX_SECTION - '```\n\n```'.length - 2;
  const blocks: Array<Record<string, unknown>> = [
    { type: 'section', text: { type: 'mrkdwn', text: `*${title}*` } },
  ];
  for (const statement of shown) {
    const body = statement.length > budget ? `${statement.slice(0, budget - 1)}…` : statement;
    // Slack has no escape for ``` inside a code block; break the fence so it cannot end early.
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: `\`\`\`\n${body.replaceAll('```', '`\u200b``')}\n\`\`\`` },
    });
  }
  if (statements.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `… +${statements.length - shown.length}` }],
    });
  }
  return { text: `${title}\n${shown.join('\n\n')}`.slice(0, 40_000), blocks };
}
