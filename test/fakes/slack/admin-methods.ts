/**
 * users.info and views.open, as Slack documents them:
 * - users.info (https://docs.slack.dev/reference/methods/users.info): `user` required;
 *   `user_not_found` for an unknown id; the user object carries `is_owner` / `is_admin`.
 * - views.open (https://docs.slack.dev/reference/methods/views.open): `trigger_id` and
 *   `view` required; a trigger id works once and expires 3 seconds after it was issued
 *   (`expired_trigger_id`, `invalid_trigger_id`); the view is a JSON object or string.
 */
import type { Params } from './wire.ts';

export interface FakeUser {
  teamId: string;
  name: string;
  isOwner: boolean;
  isAdmin: boolean;
}

export interface OpenedView {
  id: string;
  triggerId: string;
  /** The fake's clock when views.open arrived (ms). */
  at: number;
  view: Record<string, unknown>;
}

export interface AdminMethodState {
  users: Map<string, FakeUser>;
  /** trigger_id → when it was issued (ms). */
  triggers: Map<string, number>;
  views: OpenedView[];
  clock: { now(): Date };
  next(): number;
}

/** Slack: a trigger_id is valid for 3 seconds. */
export const TRIGGER_TTL_MS = 3_000;

type Result = Record<string, unknown> & { ok: boolean };

export function usersInfo(state: AdminMethodState, params: Params): Result {
  const id = typeof params.user === 'string' ? params.user : '';
  if (!id) return { ok: false, error: 'invalid_arguments' };
  const user = state.users.get(id);
  if (!user) return { ok: false, error: 'user_not_found' };
  return {
    ok: true,
    user: {
      id,
      team_id: user.teamId,
      name: user.name,
      real_name: user.name,
      deleted: false,
      is_bot: false,
      is_owner: user.isOwner,
      is_primary_owner: user.isOwner,
      is_admin: user.isAdmin || user.isOwner,
      profile: { display_name: user.name, real_name: user.name },
    },
  };
}

export function viewsOpen(state: AdminMethodState, params: Params): Result {
  const triggerId = typeof params.trigger_id === 'string' ? params.trigger_id : '';
  if (!triggerId || params.view === undefined) return { ok: false, error: 'invalid_arguments' };
  const issued = state.triggers.get(triggerId);
  if (issued === undefined) return { ok: false, error: 'invalid_trigger_id' };
  const at = state.clock.now().getTime();
  if (at - issued > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
  state.triggers.delete(triggerId);
  let view: Record<string, unknown>;
  try {
    view = (typeof params.view === 'string' ? JSON.parse(params.view) : params.view) as Record<
      string,
      unknown
    >;
  } catch {
    return { ok: false, error: 'invalid_arguments' };
  }
  if (view.type !== 'modal' || !Array.isArray(view.blocks)) return { ok: false, error: 'invalid_arguments' };
  const id = `V${String(state.next()).padStart(8, '0')}`;
  state.views.push({ id, triggerId, at, view });
  return { ok: true, view: { id, ...view } };
}
