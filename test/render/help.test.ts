/**
 * Help, welcome and step lines. If this breaks, `/kotae help` shows raw markup or an
 * untranslated key, or Google Chat greets a new space with nothing useful.
 */
import { describe, expect, it } from 'vitest';
import { helpReply, helpText, unknownCommandText, welcomeText } from '../../src/render/help.ts';
import { stepLine } from '../../src/render/status-lines.ts';
import { toSlackMessages } from '../../src/render/slack-blocks.ts';
import { catalogue } from '../../src/core/i18n/catalogue.ts';

describe('help and greetings', () => {
  it('lists ask and help with the platform command, in both languages', () => {
    expect(helpText('ja')).toContain('- `/kotae ask <質問>` — 質問します');
    expect(helpText('en', { command: '/kotae-dev' })).toContain('- `/kotae-dev help` — show this help');
    const [message] = toSlackMessages({ kind: 'reply', reply: helpReply('en') });
    const section = message!.blocks[0]!;
    expect(section.type === 'section' && section.text.text.startsWith('*How to use Kotae*\n\n')).toBe(true);
    expect(section.type === 'section' && section.text.text).toContain('• `/kotae ask &lt;question&gt;`');
  });

  it('greets a new space with an example question', () => {
    expect(welcomeText('ja')).toContain('「都道府県別の今月の売上は？」');
    expect(welcomeText('en')).toContain('"Sales by prefecture this month?"');
    expect(unknownCommandText('en', 'de`lete')).toBe(
      'There is no `delete` command. Type `/kotae help` to see what I can do.',
    );
  });

  it('marks step states', () => {
    expect(stepLine('ja', 'failed', 'クエリの実行に失敗しました')).toBe('⚠️ クエリの実行に失敗しました');
    expect(stepLine('en', 'done', 'Found the orders table')).toBe('✅ Found the orders table');
  });

  it('has every render and help message in Japanese and English, with the same parameters', () => {
    for (const [key, message] of Object.entries(catalogue)) {
      if (!key.startsWith('render.') && !key.startsWith('help.')) continue;
      expect(message.ja.trim(), key).not.toBe('');
      expect(message.en.trim(), key).not.toBe('');
      const params = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(params(message.ja), key).toEqual(params(message.en));
    }
  });
});
