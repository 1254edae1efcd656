/**
 * Telling one person something privately: a Slack DM, a Google Chat DM, a console notice.
 * Digests use it to tell an owner their digest failed, once per failed run.
 */
import type { ThreadRef } from '../chat-event.ts';
import type { Person } from './admin-policy.ts';

export interface DirectMessages {
  /**
   * Resolves when sent; throws when the platform refused (the caller logs it). `about` is
   * the channel the notice concerns: the console (one local person) shows notices there.
   */
  send(person: Person, text: string, about: ThreadRef): Promise<void>;
}
