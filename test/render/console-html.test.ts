/**
 * Console HTML. The page inserts this HTML as-is, so if escaping breaks, a "<script>" in a
 * warehouse cell runs in the analyst's browser; if the hooks break, the console's
 * end-to-end test and its feedback buttons stop working.
 */
import { describe, expect, it } from 'vitest';
import { toConsoleHtml } from '../../src/render/console-html.ts';
import type { Reply } from '../../src/core/reply.ts';
import { FULL_ACTIONS, PROVENANCE, answer, bigTable, longAnswerText } from '../support/sample-replies.ts';

const TAGS = new Set([
  'article',
  'div',
  'p',
  'h3',
  'strong',
  'em',
  's',
  'code',
  'pre',
  'a',
  'br',
  'ul',
  'ol',
  'li',
  'blockquote',
  'figure',
  'figcaption',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'img',
  'span',
  'details',
  'summary',
  'button',
]);
const ATTRIBUTES = new Set([
  'class',
  'data-testid',
  'data-kind',
  'lang',
  'href',
  'target',
  'rel',
  'download',
  'src',
  'alt',
  'loading',
  'scope',
  'start',
  'type',
  'data-action',
  'data-task-id',
  'data-value',
  'aria-pressed',
  'aria-hidden',
  'aria-label',
  'aria-live',
  'role',
]);

/** Every tag and attribute in the fragment, checked against what the converter may write. */
function markupProblems(html: string): string[] {
  const problems: string[] = [];
  for (const [, name, rest] of html.matchAll(/<\/?([a-zA-Z][\w-]*)([^>]*)>/g)) {
    if (!TAGS.has(name!.toLowerCase())) problems.push(`tag <${name}>`);
    for (const [, attribute, value] of rest!.matchAll(/\s([\w-]+)(?:="([^"]*)")?/g)) {
      if (!ATTRIBUTES.has(attribute!)) problems.push(`attribute ${attribute} on <${name}>`);
      if (/^\s*javascript:/i.test(value ?? '')) problems.push(`javascript: in ${attribute}`);
    }
  }
  if (/<(?!\/?[a-zA-Z])/.test(html.replace(/<\/?[a-zA-Z][^>]*>/g, ''))) problems.push('stray <');
  return problems;
}

function decode(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

function render(reply: Reply, options: Parameters<typeof toConsoleHtml>[1] = {}): string {
  return toConsoleHtml({ kind: 'reply', reply }, options);
}

describe('toConsoleHtml', () => {
  it('renders a full answer with the hooks the page and its e2e test rely on', () => {
    const chart = {
      spec: { type: 'bar' as const, title: 'Sales', x: 'store', y: ['sales'], data: [] },
      png: new Uint8Array([137, 80, 78, 71]),
      altText: 'Sales by store',
    };
    const html = render(
      answer('en', 'Top store: **Shibuya**.', {
        table: bigTable(3),
        chart,
        provenance: PROVENANCE,
        actions: FULL_ACTIONS,
      }),
    );
    expect(markupProblems(html)).toEqual([]);
    expect(html).toMatch(
      /^<article class="kotae-reply kotae-reply--answer" data-testid="reply" data-kind="answer" lang="en">/,
    );
    expect(html).toContain('<p>Top store: <strong>Shibuya</strong>.</p>');
    expect(html).toContain(
      '<table data-testid="result-table"><thead><tr><th scope="col">store</th><th scope="col">都道府県</th><th scope="col" class="num">sales</th>',
    );
    expect(html.match(/<tr>/g)).toHaveLength(4);
    expect(html).toContain(
      '<img data-testid="chart" src="data:image/png;base64,iVBORw==" alt="Sales by store" loading="lazy">',
    );
    expect(html).toContain('<span>3 GB scanned</span>');
    expect(html).toContain(
      '<details class="kotae-sql" data-testid="sql"><summary>Show SQL</summary><pre><code class="language-sql">SELECT\n  store,',
    );
    expect(html).toContain(
      'data-action="feedback" data-task-id="task-123" data-value="up" aria-pressed="false">＋ Helpful</button>',
    );
    expect(html).toContain('data-value="down" aria-pressed="false">－ Not helpful</button>');
  });

  it('never lets a <script> in a cell, a column name, the text or the SQL become a tag', () => {
    const attack = '<script>alert("x")</script><img src=x onerror=alert(1)>';
    const html = render(
      answer('en', `${attack} [click](javascript:alert(1)) \`${attack}\``, {
        table: {
          columns: [{ name: attack, type: 'STRING' }],
          rows: [[attack], ['" onmouseover="alert(1)']],
          totalRows: 2,
          truncated: false,
        },
        chart: {
          spec: { type: 'bar', title: attack, x: 'a', y: ['b'], data: [] },
          png: new Uint8Array([1]),
          altText: `"${attack}`,
        },
        provenance: { ...PROVENANCE, sql: [attack], model: attack },
        actions: [{ kind: 'feedback', taskId: '"><script>', value: 'up' }],
      }),
      { chartUrl: 'javascript:alert(1)' },
    );
    expect(markupProblems(html)).toEqual([]);
    // The attack survives only as visible text; markupProblems has already checked every real tag.
    expect(html).not.toMatch(/<script|<img src=x/i);
    expect(decode(html)).toContain(attack);
    expect(html).toContain('<td>&quot; onmouseover=&quot;alert(1)</td>');
    expect(html).toContain('data-task-id="&quot;&gt;&lt;script&gt;"');
  });

  it('summarises a 500-row table with a CSV download carrying every row', () => {
    const html = render(answer('ja', '上位店舗です。', { table: bigTable(500), actions: FULL_ACTIONS }));
    expect(markupProblems(html)).toEqual([]);
    expect(html.match(/<tr>/g)).toHaveLength(21);
    expect(html).toContain('<span class="kotae-note">ほか 480 行</span>');
    const link =
      /<a class="kotae-csv" href="data:text\/csv;charset=utf-8;base64,([^"]+)" download="kotae-result-task-123.csv">CSV をダウンロード（500 行）<\/a>/.exec(
        html,
      );
    expect(link).not.toBeNull();
    const csv = Buffer.from(link![1]!, 'base64').toString('utf8');
    expect(csv.startsWith('\uFEFFstore,都道府県,sales,ratio\r\n店舗 1,東京都,7,0\r\n')).toBe(true);
    expect(csv.trimEnd().split('\r\n')).toHaveLength(501);
    const served = render(answer('ja', '上位店舗です。', { table: bigTable(500) }), {
      csvUrl: '/api/console/csv/t1',
    });
    expect(served).toContain('href="/api/console/csv/t1"');
  });

  it('keeps a long answer whole, in one fragment', () => {
    const text = longAnswerText(60_000);
    const html = render(answer('en', text));
    expect(markupProblems(html)).toEqual([]);
    expect((html.match(/<pre>/g) ?? []).length).toBe((text.match(/```sql/g) ?? []).length);
  });

  it('renders status with one hook per step', () => {
    const html = toConsoleHtml({
      kind: 'status',
      text: 'Working on it…',
      steps: ['✅ Found <orders>', '⏳ Running the query'],
    });
    expect(markupProblems(html)).toEqual([]);
    expect(html).toContain('data-testid="status"');
    expect(html).toContain('lang="en"');
    expect(html.match(/data-testid="step"/g)).toHaveLength(2);
    expect(html).toContain('<li data-testid="step">✓ Found &lt;orders&gt;</li>');
  });

  it('loads the chart from a URL on our server or an http(s) URL, never a script URL', () => {
    const chart = {
      spec: { type: 'pie' as const, title: '構成比', x: 'a', y: ['b'], data: [] },
      png: new Uint8Array(),
      altText: '',
    };
    expect(render(answer('ja', 'x', { chart }), { chartUrl: '/charts/abc.png?sig=1&exp=2' })).toContain(
      '<img data-testid="chart" src="/charts/abc.png?sig=1&amp;exp=2" alt="グラフ: 構成比" loading="lazy">',
    );
    // As the console stores a reply: the chart without its bytes.
    const stored = { ...chart, png: undefined as unknown as Uint8Array };
    expect(render(answer('ja', 'x', { chart: stored }))).toContain(
      'グラフ画像を表示できませんでした（グラフ: 構成比）。',
    );
    const refused = render(answer('ja', 'x', { chart }), { chartUrl: '//evil.example/x.png' });
    expect(refused).not.toContain('<img');
    expect(refused).toContain('グラフ画像を表示できませんでした');
  });

  it('marks errors and says so when there is no text', () => {
    const html = render({ kind: 'error', locale: 'ja', text: '権限がありません。' });
    expect(html).toContain('data-kind="error"');
    expect(html).toContain(
      '<span class="kotae-error-icon" aria-hidden="true">!</span><p>権限がありません。</p>',
    );
    expect(render(answer('en', ''))).toContain('<p>(The answer has no text.)</p>');
  });
});
