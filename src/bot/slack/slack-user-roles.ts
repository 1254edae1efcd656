/**
 * Slack's own answer to "is this person a workspace owner or admin": users.info
 * (`user.is_owner`, `user.is_admin`; scope users:read). Asked only when an admin verb
 * runs, so no cache: a demoted admin loses the right at once.
 */
import type { WebClient } from '@slack/web-api';
import type { SlackRoleLookup } from '../admin/admin-policy.ts';
import type { Logger } from './bolt-logger.ts';
import type { SlackTokens } from './tokens.ts';

export function createSlackUserRoles(deps: {
  client: WebClient;
  tokens: SlackTokens;
  logger: Logger;
}): SlackRoleLookup {
  return async (teamId, userId) => {
    try {
      const result = await deps.client.users.info({
        token: await deps.tokens.botTokenFor(teamId),
        user: userId,
      });
      const user = result.user;
      if (!user) return null;
      const name = user.profile?.display_name || user.real_name || user.name;
      return { isOwner: user.is_owner === true, isAdmin: user.is_admin === true, ...(name ? { name } : {}) };
    } catch (error) {
      deps.logger.warn('users.info failed; treating the user as not a Slack admin', {
        error: error instanceof Error ? error.message : String(error),
      });
      return null;
    }
  };
}
