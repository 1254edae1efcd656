/**
 * Slack token rotation (https://docs.slack.dev/authentication/using-token-rotation):
 * rotating access tokens expire after 12 hours and are renewed with oauth.v2.access
 * (grant_type=refresh_token), which also returns a new refresh token. A refresh token
 * is single-use here, so two processes refreshing at once would leave one holding a dead
 * token: the database lock (`tryLockRefresh`) lets exactly one refresh; the others keep
 * using the current token while it is still valid, or wait for the winner's result.
 */
import type { WebClient } from '@slack/web-api';
import type { Clock } from '../../core/clock.ts';
import { KotaeError } from '../../core/errors.ts';
import type { InstallationStore, SlackInstallation } from '../../store/installation-store.ts';
import type { Logger } from './bolt-logger.ts';
import { sleep, type Timers } from '../../core/timers.ts';

export interface TokenRotation {
  /** The bot token, refreshed first when it is within the refresh window of expiring. */
  fresh(installation: SlackInstallation): Promise<string>;
}

export interface TokenRotationOptions {
  installations: Pick<
    InstallationStore,
    'find' | 'tryLockRefresh' | 'saveRefreshedBotToken' | 'releaseRefreshLock'
  >;
  client: WebClient;
  clientId: string;
  clientSecret: string;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  /** Refresh this long before expiry; Bolt uses two hours, and so do we. */
  refreshWindowMs?: number;
  /** How long a refresher may hold the lock before another may take over. */
  lockMs?: number;
  /** While another process refreshes an expired token, how often to look for its result. */
  pollMs?: number;
}

export function createTokenRotation(options: TokenRotationOptions): TokenRotation {
  const windowMs = options.refreshWindowMs ?? 2 * 3600_000;
  const lockMs = options.lockMs ?? 30_000;
  const pollMs = options.pollMs ?? 250;
  const running = new Map<string, Promise<string>>();

  async function refresh(installation: SlackInstallation): Promise<string> {
    const now = options.clock.now();
    const expiresAt = installation.botTokenExpiresAt!.getTime();
    if (!(await options.installations.tryLockRefresh(installation.id, now, lockMs))) {
      if (expiresAt > now.getTime()) return installation.botToken!;
      return await awaitOtherRefresher(installation);
    }
    try {
      // Another process may have refreshed between our read and our lock: use what it stored.
      const current = await options.installations.find({
        teamId: installation.teamId,
        enterpriseId: installation.enterpriseId,
      });
      if (!current?.botToken || !current.botRefreshToken)
        throw new KotaeError('slack.not_installed', 'Installation gone');
      if (!needsRefresh(current, options.clock.now().getTime())) {
        await options.installations.releaseRefreshLock(installation.id);
        return current.botToken;
      }
      const result = await options.client.oauth.v2.access({
        client_id: options.clientId,
        client_secret: options.clientSecret,
        grant_type: 'refresh_token',
        refresh_token: current.botRefreshToken,
      });
      if (!result.access_token || !result.refresh_token || !result.expires_in) {
        throw new KotaeError('slack.refresh_incomplete', 'oauth.v2.access did not return a rotated token');
      }
      await options.installations.saveRefreshedBotToken(installation.id, {
        token: result.access_token,
        refreshToken: result.refresh_token,
        expiresAt: new Date(options.clock.now().getTime() + result.expires_in * 1000),
      });
      options.logger.info('Refreshed a rotating Slack bot token', { teamId: installation.teamId });
      return result.access_token;
    } catch (error) {
      await options.installations.releaseRefreshLock(installation.id);
      options.logger.warn('Could not refresh a rotating Slack bot token', {
        teamId: installation.teamId,
        error: error instanceof Error ? error : String(error),
      });
      if (expiresAt > options.clock.now().getTime()) return installation.botToken!;
      throw error;
    }
  }

  async function awaitOtherRefresher(installation: SlackInstallation): Promise<string> {
    const giveUpAt = options.clock.now().getTime() + lockMs;
    while (options.clock.now().getTime() < giveUpAt) {
      await sleep(options.timers, pollMs);
      const current = await options.installations.find({
        teamId: installation.teamId,
        enterpriseId: installation.enterpriseId,
      });
      if (current?.botToken && current.botToken !== installation.botToken) return current.botToken;
    }
    throw new KotaeError('slack.token_expired', 'The Slack token expired and no refresh finished in time', {
      retryable: true,
    });
  }

  function needsRefresh(installation: SlackInstallation, now: number): boolean {
    const expiresAt = installation.botTokenExpiresAt?.getTime();
    return expiresAt !== undefined && Boolean(installation.botRefreshToken) && expiresAt - now <= windowMs;
  }

  return {
    fresh(installation) {
      if (!needsRefresh(installation, options.clock.now().getTime()))
        return Promise.resolve(installation.botToken!);
      // One refresh per installation per process; the database lock covers other processes.
      const inProcess = running.get(installation.id);
      if (inProcess) return inProcess;
      const started = refresh(installation).finally(() => running.delete(installation.id));
      running.set(installation.id, started);
      return started;
    },
  };
}
