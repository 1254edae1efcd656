/**
 * Reading Google Chat's event JSON (classic and Workspace add-on formats). If this broke,
 * Kotae would answer "@Kotae" instead of the question, miss slash commands, or treat a
 * button click as a new question.
 */
import { describe, expect, it } from 'vitest';
import { parseChatEvent, type ChatInteraction } from '../../../src/bot/gchat/gchat-parse.ts';
import { chatEvent } from '../../fakes/gchat/chat-events.ts';

function parse(body: unknown): ChatInteraction {
  const result = parseChatEvent(body);
  if (!result.ok) throw new Error(result.error);
  return result.interaction;
}

describe('parseChatEvent', () => {
  it('reads an @mention in a space as a question without the mention', () => {
    const interaction = parse(chatEvent('message-mention'));
    expect(interaction).toMatchObject({
      kind: 'message',
      question: {
        messageName: 'spaces/AAAAsales01/messages/Pq3x9.Pq3x9',
        text: '先月の売上トップ10の店舗は？',
      },
      context: {
        format: 'classic',
        space: { name: 'spaces/AAAAsales01', isDm: false },
        user: { name: 'users/102938475610293847561', isBot: false, domainId: 'C03ab12cd' },
        threadName: 'spaces/AAAAsales01/threads/Pq3x9',
        locale: 'ja',
      },
    });
  });

  it('cuts the app mention out of the text by its annotation when argumentText is missing', () => {
    const event = chatEvent('message-mention');
    delete (event['message'] as Record<string, unknown>)['argumentText'];
    expect(parse(event)).toMatchObject({
      kind: 'message',
      question: { text: '先月の売上トップ10の店舗は？' },
    });
  });

  it('reads a DM as a question and marks the space as a DM', () => {
    expect(parse(chatEvent('message-dm'))).toMatchObject({
      kind: 'message',
      question: { text: 'Which prefecture had the highest revenue growth this quarter?' },
      context: { space: { isDm: true } },
    });
  });

  it('reads /kotae as a command with the text after the command name', () => {
    expect(parse(chatEvent('slash-command'))).toMatchObject({
      kind: 'command',
      commandId: '1',
      commandName: '/kotae',
      text: 'help',
      messageName: 'spaces/AAAAsales01/messages/Sl4sh.Sl4sh',
    });
    expect(parse(chatEvent('app-command'))).toMatchObject({
      kind: 'command',
      commandId: '1',
      text: 'ask 今週の来店数は？',
    });
  });

  it('reads being added and removed', () => {
    expect(parse(chatEvent('added-to-space'))).toMatchObject({
      kind: 'added',
      context: { space: { name: 'spaces/AAAAsales01' } },
    });
    expect(parse(chatEvent('added-to-space'))).not.toHaveProperty('question');
    expect(parse(chatEvent('removed-from-space'))).toMatchObject({ kind: 'removed' });
  });

  it('reads a card click with its action and parameters', () => {
    expect(parse(chatEvent('card-clicked'))).toMatchObject({
      kind: 'card_clicked',
      action: 'kotae_show_sql',
      parameters: { taskId: '00000000-0000-4000-8000-000000000000' },
      context: { user: { name: 'users/102938475610293847561' } },
    });
  });

  it('reads the Workspace add-on format the same way', () => {
    expect(parse(chatEvent('addon-message'))).toMatchObject({
      kind: 'message',
      question: {
        messageName: 'spaces/AAAAsales01/messages/Ad0n1.Ad0n1',
        text: 'average basket size by store type?',
      },
      context: { format: 'addon', locale: 'en', threadName: 'spaces/AAAAsales01/threads/Ad0n1' },
    });
  });

  it('ignores what Kotae does not handle and refuses what is not a Chat event', () => {
    expect(
      parse({ type: 'WIDGET_UPDATED', space: { name: 'spaces/x' }, user: { name: 'users/1' } }),
    ).toMatchObject({
      kind: 'ignored',
    });
    const fromBot = chatEvent('message-dm', { replace: { '"type": "HUMAN"': '"type": "BOT"' } });
    expect(parse(fromBot)).toMatchObject({ kind: 'ignored', reason: 'sent by a bot' });
    expect(parseChatEvent('MESSAGE').ok).toBe(false);
    expect(parseChatEvent({ type: 42 }).ok).toBe(false);
    expect(parseChatEvent({ type: 'MESSAGE', message: { text: 'no name' } }).ok).toBe(false);
  });
});
