/**
 * app_uninstalled: the team removed Kotae; its installation (and tokens) go.
 * tokens_revoked: `tokens.oauth` lists user ids whose user tokens died, `tokens.bot` the
 * bot user ids; those tokens go, and an installation left with none goes too.
 * Bolt skips authorization for both (the token is already dead).
 */
import type { App } from '@slack/bolt';
import type { ListenerDeps } from '../listener-deps.ts';
import { teamOf } from '../slack-parse.ts';

export function registerLifecycleListeners(app: App, deps: ListenerDeps): void {
  const installations = deps.installations;
  if (!installations) return;

  app.event('app_uninstalled', async ({ body }) => {
    const key = keyOf(body as unknown as Record<string, unknown>);
    const removed = await installations.delete(key);
    deps.tokens.forget(key.teamId, key.enterpriseId);
    deps.logger.info('Slack app uninstalled; installation removed', { ...key, removed });
  });

  app.event('tokens_revoked', async ({ body, event }) => {
    const key = keyOf(body as unknown as Record<string, unknown>);
    const tokens = (event as { tokens?: { oauth?: string[]; bot?: string[] } }).tokens ?? {};
    await installations.revokeTokens(key, { userIds: tokens.oauth ?? [], botUserIds: tokens.bot ?? [] });
    deps.tokens.forget(key.teamId, key.enterpriseId);
    deps.logger.info('Slack tokens revoked; removed them', {
      ...key,
      users: tokens.oauth?.length ?? 0,
      bots: tokens.bot?.length ?? 0,
    });
  });
}

function keyOf(body: Record<string, unknown>): { teamId: string | null; enterpriseId: string | null } {
  const enterpriseId = typeof body.enterprise_id === 'string' ? body.enterprise_id : null;
  const orgWide = (body.authorizations as Array<{ is_enterprise_install?: boolean }> | undefined)?.[0]
    ?.is_enterprise_install;
  return { teamId: orgWide ? null : teamOf(body), enterpriseId };
}
