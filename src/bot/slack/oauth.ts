/**
 * Multi-workspace install over OAuth v2, with @slack/oauth's InstallProvider:
 * - GET /slack/install: sets a state cookie and redirects to Slack's consent page with the
 *   same state (a signed, expiring JWT) in the URL;
 * - GET /slack/oauth_redirect: checks the state against the cookie and its signature
 *   (CSRF), exchanges the code with oauth.v2.access, and stores the installation, tokens
 *   sealed (src/store/installation-store.ts).
 */
import type { ServerResponse } from 'node:http';
import { InstallProvider, type Installation, type InstallationQuery } from '@slack/oauth';
import type { Route } from '../http/route.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { InstallationStore, NewSlackInstallation } from '../../store/installation-store.ts';
import { SLACK_REDIRECT_PATH } from '../../config/slack-settings.ts';
import { LogLevel, toSdkLogger, type Logger } from './bolt-logger.ts';
import { KotaeError } from '../../core/errors.ts';

export const SLACK_INSTALL_PATH = '/slack/install';
/** Declared with the Slack settings (src/config/slack-settings.ts), which build the redirect URL. */
export { SLACK_REDIRECT_PATH };

export interface SlackOAuthOptions {
  clientId: string;
  clientSecret: string;
  stateSecret: string;
  scopes: string[];
  userScopes?: string[];
  /** The public URL of SLACK_REDIRECT_PATH, as registered in the app's manifest. */
  redirectUri: string;
  installations: Pick<InstallationStore, 'save' | 'find' | 'delete'>;
  defaults: { locale: Locale; timeZone: string };
  logger: Logger;
  slackApiUrl?: string;
  /** Slack's consent page; tests point it elsewhere. */
  authorizationUrl?: string;
  logLevel?: LogLevel;
}

export function createSlackOAuthRoutes(options: SlackOAuthOptions): Route[] {
  if (!options.stateSecret)
    throw new KotaeError('config_invalid', 'SLACK_STATE_SECRET is required for the OAuth install flow');
  const installer = new InstallProvider({
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    stateSecret: options.stateSecret,
    directInstall: true,
    installationStore: {
      storeInstallation: async (installation) => {
        await options.installations.save(fromBolt(installation), options.defaults);
      },
      fetchInstallation: async (query) => {
        throw new KotaeError(
          'slack_installation_store',
          `Installations are read through the Kotae store (${describe(query)})`,
        );
      },
      deleteInstallation: async (query) => {
        await options.installations.delete({
          teamId: query.teamId ?? null,
          enterpriseId: query.enterpriseId ?? null,
        });
      },
    },
    installUrlOptions: {
      scopes: options.scopes,
      ...(options.userScopes?.length ? { userScopes: options.userScopes } : {}),
      redirectUri: options.redirectUri,
    },
    logger: toSdkLogger(options.logger, options.logLevel ?? LogLevel.INFO),
    ...(options.slackApiUrl ? { clientOptions: { slackApiUrl: options.slackApiUrl } } : {}),
    ...(options.authorizationUrl ? { authorizationUrl: options.authorizationUrl } : {}),
  });
  const locale = options.defaults.locale;

  return [
    {
      method: 'GET',
      path: SLACK_INSTALL_PATH,
      handle: (request, response) => installer.handleInstallPath(request, response),
    },
    {
      method: 'GET',
      path: SLACK_REDIRECT_PATH,
      handle: (request, response) =>
        installer.handleCallback(request, response, {
          success: (_installation, _options, _request, res) =>
            page(res, 200, t(locale, 'slack.install.success')),
          failure: (error, _options, _request, res) => {
            options.logger.warn('Slack install failed', { code: error.code, error: error.message });
            page(res, 400, t(locale, 'slack.install.failure', { code: error.code }));
          },
        }),
    },
  ];
}

function fromBolt(installation: Installation): NewSlackInstallation {
  const seconds = (value: number | undefined) => (value === undefined ? null : new Date(value * 1000));
  return {
    teamId: installation.team?.id ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    ...(installation.team?.name ? { teamName: installation.team.name } : {}),
    appId: installation.appId ?? null,
    botUserId: installation.bot?.userId ?? null,
    botId: installation.bot?.id ?? null,
    botScopes: installation.bot?.scopes ?? [],
    botToken: installation.bot?.token ?? null,
    botRefreshToken: installation.bot?.refreshToken ?? null,
    botTokenExpiresAt: seconds(installation.bot?.expiresAt),
    userId: installation.user.id ?? null,
    userScopes: installation.user.scopes ?? [],
    userToken: installation.user.token ?? null,
    userRefreshToken: installation.user.refreshToken ?? null,
    userTokenExpiresAt: seconds(installation.user.expiresAt),
  };
}

function describe(query: InstallationQuery<boolean>): string {
  return `team ${query.teamId ?? '-'}, enterprise ${query.enterpriseId ?? '-'}`;
}

function page(response: ServerResponse, status: number, message: string): void {
  const escaped = message.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  response.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  response.end(`<!doctype html><meta charset="utf-8"><title>Kotae</title><p>${escaped}</p>`);
}
