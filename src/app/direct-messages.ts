/**
 * Private notices to one person, per platform: Slack posts to the user id (the app's DM
 * with them), Google Chat finds the DM space with the user (spaces.findDirectMessage) and
 * posts there, the console (one local person) shows the notice in the channel it concerns.
 */
import type { Platform, ThreadRef } from '../core/chat-event.ts';
import { KotaeError } from '../core/errors.ts';
import type { Locale } from '../core/locale.ts';
import type { ChatPlatform } from '../core/ports/chat-platform.ts';
import type { DirectMessages } from '../core/ports/direct-messages.ts';
import { infoReply } from '../core/reply.ts';

export function createDirectMessages(deps: {
  platformFor: (platform: Platform) => ChatPlatform;
  /** The DM space with a Chat user ("users/123"), or null when the app has none with them. */
  findChatDirectSpace?: (user: string) => Promise<string | null>;
  locale: Locale;
}): DirectMessages {
  const { locale } = deps;
  async function where(person: Parameters<DirectMessages['send']>[0], about: ThreadRef): Promise<ThreadRef> {
    if (person.platform === 'console') return { ...about, threadId: '' };
    if (person.platform === 'slack')
      return { platform: 'slack', workspaceId: person.workspaceId, channelId: person.userId, threadId: '' };
    const user = person.userId.startsWith('users/') ? person.userId : `users/${person.userId}`;
    const space = deps.findChatDirectSpace ? await deps.findChatDirectSpace(user) : null;
    if (!space) throw new KotaeError('dm_unavailable', `No Google Chat DM space with ${user}`);
    return { platform: 'gchat', workspaceId: person.workspaceId, channelId: space, threadId: '' };
  }
  return {
    async send(person, text, about) {
      const thread = await where(person, about);
      await deps.platformFor(person.platform).post(thread, { kind: 'reply', reply: infoReply(locale, text) });
    },
  };
}
