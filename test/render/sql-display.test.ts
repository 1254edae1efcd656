/**
 * "SQL を表示" shows the query formatted, on every platform: one clause per line, keywords
 * upper-case. If this breaks, people read the whole query as one unbroken line again, or
 * a statement the formatter cannot read disappears instead of showing as written.
 */
import { describe, expect, it } from 'vitest';
import { sqlMessage } from '../../src/bot/slack/sql-message.ts';
import { toConsoleHtml } from '../../src/render/console-html.ts';
import { FORMAT_MAX_CHARS, formatSql, guessDialect } from '../../src/render/sql-display.ts';

const SQL =
  'select s.prefecture, sum(o.amount) as sales from retail.orders o join retail.stores s using (store_id) ' +
  'where o.order_date >= date_sub(current_date(), interval 30 day) group by s.prefecture order by sales desc limit 10';

const FORMATTED = [
  'SELECT',
  '  s.prefecture,',
  '  SUM(o.amount) AS sales',
  'FROM',
  '  retail.orders o',
  '  JOIN retail.stores s USING (store_id)',
  'WHERE',
  '  o.order_date >= DATE_SUB(CURRENT_DATE(), INTERVAL 30 day)',
  'GROUP BY',
  '  s.prefecture',
  'ORDER BY',
  '  sales DESC',
  'LIMIT',
  '  10',
].join('\n');

describe('SQL shown to people', () => {
  it('is formatted for BigQuery, and for DuckDB casts', () => {
    expect(formatSql(SQL, 'bigquery')).toBe(FORMATTED);
    expect(guessDialect('SELECT * FROM `p.d.t`')).toBe('bigquery');
    expect(guessDialect('SELECT x::INT FROM t')).toBe('duckdb');
    expect(formatSql('select amount::bigint as n from t', 'duckdb')).toBe(
      'SELECT\n  amount::BIGINT AS n\nFROM\n  t',
    );
  });

  it('shows what it cannot format, or what is too long, as written', () => {
    expect(formatSql('SELEC )( nonsense ((')).toBe('SELEC )( nonsense ((');
    const long = `SELECT ${'a, '.repeat(FORMAT_MAX_CHARS / 3)}b FROM t`;
    expect(formatSql(long)).toBe(long);
  });

  it('reaches the console, Slack and Google Chat formatted', () => {
    const html = toConsoleHtml({
      kind: 'reply',
      reply: {
        kind: 'answer',
        locale: 'ja',
        text: '東京都が最多です。',
        provenance: { sql: [SQL], bytesProcessed: 1, rows: 10, durationMs: 5 },
      },
    });
    expect(html).toContain(`<code class="language-sql">${FORMATTED.replace(/>/g, '&gt;')}</code>`);
    const slack = sqlMessage('SQL', [SQL]);
    expect(JSON.stringify(slack.blocks)).toContain(JSON.stringify(FORMATTED).slice(1, -1));
  });
});
