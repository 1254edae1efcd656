/**
 * Bot tokens, by Slack team. Two sources:
 * - one workspace, configured with SLACK_BOT_TOKEN (`createSingleWorkspaceTokens`);
 * - many workspaces installed over OAuth (`createInstalledTokens`), tokens sealed in the
 *   database, rotating tokens refreshed before they expire (token-rotation.ts).
 *
 * `authorize` feeds Bolt on the request path, so it never refreshes or calls Slack: it
 * reads what is stored. Slack calls made after the ack ask `botTokenFor`, which refreshes.
 */
import type { WebClient } from '@slack/web-api';
import { systemClock, type Clock } from '../../core/clock.ts';
import { KotaeError } from '../../core/errors.ts';
import type { InstallationStore } from '../../store/installation-store.ts';
import type { TokenRotation } from './token-rotation.ts';

export interface SlackAuthorization {
  botToken: string;
  botUserId?: string;
  botId?: string;
  teamId?: string;
  enterpriseId?: string;
}

export interface SlackTokens {
  botTokenFor(teamId: string): Promise<string>;
  authorize(query: { teamId?: string; enterpriseId?: string }): Promise<SlackAuthorization>;
  /** Checks the configuration with Slack before the app takes requests. */
  start(): Promise<void>;
  /** Drops anything remembered about a team (it uninstalled, or its tokens were revoked). */
  forget(teamId: string | null, enterpriseId: string | null): void;
}

export function createSingleWorkspaceTokens(options: { botToken: string; client: WebClient }): SlackTokens {
  let identity: { botUserId?: string; botId?: string; teamId?: string } | null = null;
  return {
    async botTokenFor() {
      return options.botToken;
    },
    async authorize() {
      if (!identity) throw new KotaeError('slack.not_started', 'The Slack app has not been started');
      return { botToken: options.botToken, ...identity };
    },
    forget() {},
    async start() {
      const result = await options.client.auth.test({ token: options.botToken });
      identity = {
        ...(result.user_id ? { botUserId: result.user_id } : {}),
        ...(result.bot_id ? { botId: result.bot_id } : {}),
        ...(result.team_id ? { teamId: result.team_id } : {}),
      };
    },
  };
}

export function createInstalledTokens(options: {
  installations: Pick<InstallationStore, 'find'>;
  rotation: TokenRotation;
  clock?: Clock;
  /** How long `authorize` may reuse what it read; every Slack request needs it before the ack. */
  authorizeCacheMs?: number;
}): SlackTokens {
  const clock = options.clock ?? systemClock;
  const cacheMs = options.authorizeCacheMs ?? 30_000;
  const cache = new Map<string, { at: number; value: SlackAuthorization }>();
  return {
    async botTokenFor(teamId) {
      const installation = await options.installations.find({ teamId, enterpriseId: null });
      if (!installation?.botToken) throw notInstalled(teamId);
      return await options.rotation.fresh(installation);
    },
    async authorize(query) {
      const key = `${query.teamId ?? ''}:${query.enterpriseId ?? ''}`;
      const now = clock.now().getTime();
      const cached = cache.get(key);
      if (cached && now - cached.at < cacheMs) return cached.value;
      const installation = await options.installations.find({
        teamId: query.teamId ?? null,
        enterpriseId: query.enterpriseId ?? null,
      });
      if (!installation?.botToken) {
        cache.delete(key);
        throw notInstalled(query.teamId ?? query.enterpriseId ?? '?');
      }
      const value: SlackAuthorization = {
        botToken: installation.botToken,
        ...(installation.botUserId ? { botUserId: installation.botUserId } : {}),
        ...(installation.botId ? { botId: installation.botId } : {}),
        ...(query.teamId ? { teamId: query.teamId } : {}),
        ...(installation.enterpriseId ? { enterpriseId: installation.enterpriseId } : {}),
      };
      if (cache.size >= 10_000) cache.clear();
      cache.set(key, { at: now, value });
      return value;
    },
    forget(teamId, enterpriseId) {
      for (const key of [...cache.keys()]) {
        const [team, enterprise] = key.split(':');
        if ((teamId && team === teamId) || (enterpriseId && enterprise === enterpriseId)) cache.delete(key);
      }
    },
    async start() {},
  };
}

function notInstalled(team: string): KotaeError {
  return new KotaeError('slack.not_installed', `Kotae is not installed in Slack team ${team}`, {
    data: { team },
  });
}
