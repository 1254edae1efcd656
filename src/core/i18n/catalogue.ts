/**
 * The ja/en catalogue of everything the bot says. Each area keeps its own table
 * (so the files stay small); this file only joins them. The type guarantees every
 * key exists in both languages.
 */
import { adminMessages } from './messages/admin.ts';
import { agentMessages } from './messages/agent.ts';
import { budgetMessages } from './messages/budget.ts';
import { chartMessages } from './messages/chart.ts';
import { commandMessages } from './messages/commands.ts';
import { consoleMessages } from './messages/console.ts';
import { coreMessages } from './messages/core.ts';
import { digestMessages } from './messages/digest.ts';
import { digestRunMessages } from './messages/digest-run.ts';
import { digestCommandMessages } from './messages/digest-commands.ts';
import { digestFormMessages } from './messages/digest-form.ts';
import { helpMessages } from './messages/help.ts';
import { limitsMessages } from './messages/limits.ts';
import { httpMessages } from './messages/http.ts';
import { renderMessages } from './messages/render.ts';
import { gchatMessages } from './messages/gchat.ts';
import { slackMessages } from './messages/slack.ts';
import { usageMessages } from './messages/usage.ts';

export const catalogue = {
  ...coreMessages,
  ...commandMessages,
  ...consoleMessages,
  ...renderMessages,
  ...helpMessages,
  ...gchatMessages,
  ...chartMessages,
  ...agentMessages,
  ...slackMessages,
  ...digestMessages,
  ...digestRunMessages,
  ...digestCommandMessages,
  ...digestFormMessages,
  ...budgetMessages,
  ...limitsMessages,
  ...usageMessages,
  ...adminMessages,
  ...httpMessages,
} as const;

export type MessageKey = keyof typeof catalogue;
