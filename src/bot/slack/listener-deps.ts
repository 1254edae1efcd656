/** What the Slack listeners need, all injected: ports, narrow store views, tokens. */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../core/clock.ts';
import type { Locale } from '../../core/locale.ts';
import type { ChatPlatform } from '../../core/ports/chat-platform.ts';
import type { CommandRouter } from '../../core/ports/command-router.ts';
import type { Intake } from '../../core/ports/intake.ts';
import type { InstallationStore } from '../../store/installation-store.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import type { Logger } from './bolt-logger.ts';
import type { SlackRenderer } from './message-payload.ts';
import type { SlackTaskLookup } from './task-lookup.ts';
import type { SlackTokens } from './tokens.ts';

export interface FeedbackRecorder {
  /** One vote per task and user; a second vote replaces the first. */
  record(input: { taskId: string; userId: string; value: 'up' | 'down' }): Promise<void>;
}

export interface ListenerDeps {
  intake: Intake;
  commands: CommandRouter;
  platform: ChatPlatform;
  render: SlackRenderer;
  tokens: SlackTokens;
  tasks: SlackTaskLookup;
  feedback: FeedbackRecorder;
  /** Absent for a single-workspace app configured with SLACK_BOT_TOKEN. */
  installations?: Pick<InstallationStore, 'delete' | 'revokeTokens'>;
  /** For our own Slack calls after the ack (never Bolt's per-request client). */
  client: WebClient;
  clock: Clock;
  logger: Logger;
  localeFor(teamId: string): Promise<Locale>;
  /** The configured language, when there is no workspace to ask `localeFor` about. */
  defaultLocale: Locale;
  commandName: string;
  /** The LLM key form (`/kotae keys`), when keys can be stored here. */
  keys?: KeyVault;
}
