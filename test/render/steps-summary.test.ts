/**
 * The steps stay with the answer: a summary line on Slack and Google Chat, the steps
 * themselves collapsed under it on the console. If this breaks, nobody can see afterwards
 * what the bot did to reach an answer.
 */
import { describe, expect, it } from 'vitest';
import type { Reply } from '../../src/core/reply.ts';
import { toConsoleHtml } from '../../src/render/console-html.ts';
import { toChatMessages } from '../../src/render/gchat-cards.ts';
import { toSlackMessages } from '../../src/render/slack-blocks.ts';

const reply = (locale: 'ja' | 'en'): Reply => ({
  kind: 'answer',
  locale,
  text: locale === 'ja' ? '東京都が最多です。' : 'Tokyo leads.',
  steps: {
    lines: [
      { label: 'テーブルを検索: 3 件 (retail.sales ほか)', state: 'done' },
      { label: 'テーブルの構造を確認: retail.sales (8 列)', state: 'done' },
      { label: 'クエリを拒否しました: DELETE 文は実行できません', state: 'failed' },
      { label: 'クエリを実行: 1.2 GB スキャン、10 行', state: 'done' },
      { label: 'グラフを作成しました: 売上', state: 'done' },
    ],
    durationMs: 4200,
  },
});

describe('the steps under an answer', () => {
  it('read "5 steps · 4.2 s" on Slack and Google Chat, in both languages', () => {
    for (const [locale, summary] of [
      ['ja', '5 ステップ · 4.2 秒'],
      ['en', '5 steps · 4.2 s'],
    ] as const) {
      const slack = JSON.stringify(toSlackMessages({ kind: 'reply', reply: reply(locale) }));
      expect(slack).toContain(`{"type":"context","elements":[{"type":"mrkdwn","text":"${summary}"}]}`);
      const chat = JSON.stringify(toChatMessages({ kind: 'reply', reply: reply(locale) }));
      expect(chat).toContain(summary);
    }
  });

  it('are kept collapsed under the answer on the console, each with a text mark', () => {
    const html = toConsoleHtml({ kind: 'reply', reply: reply('en') });
    expect(html).toContain(
      '<details class="kotae-steps-done" data-testid="steps-summary"><summary>5 steps · 4.2 s</summary>',
    );
    expect(html).not.toContain('<details class="kotae-steps-done" data-testid="steps-summary" open');
    expect(html.match(/<li data-state="done">/g)).toHaveLength(4);
    expect(html).toContain(
      '<li data-state="failed"><span class="kotae-step-mark" aria-hidden="true">!</span>',
    );
    // Text marks, not emoji a machine without an emoji font shows as boxes.
    expect(html).not.toMatch(/✅|⚠️|⏳/u);
  });

  it('say nothing when there were no steps', () => {
    const plain: Reply = { kind: 'answer', locale: 'en', text: 'Hi.' };
    expect(toConsoleHtml({ kind: 'reply', reply: plain })).not.toContain('steps-summary');
    expect(JSON.stringify(toSlackMessages({ kind: 'reply', reply: plain }))).not.toContain('context');
  });
});
