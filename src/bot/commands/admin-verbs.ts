/**
 * Every admin verb, for the command router's `extraVerbs`. `help` is replaced by one that
 * lists the admin verbs to admins only.
 */
import type { AdminVerbDeps } from './admin-context.ts';
import { createAdminsVerbs } from './admins-verbs.ts';
import type { VerbHandler } from './command-router.ts';
import { createKeysVerbs } from './keys-verbs.ts';
import { createMapVerbs } from './map-verbs.ts';
import { createStatusVerbs } from './status-verbs.ts';

export function createAdminVerbs(
  deps: AdminVerbDeps,
  extra: Record<string, VerbHandler> = {},
): Record<string, VerbHandler> {
  return {
    ...createStatusVerbs(deps),
    ...createMapVerbs(deps),
    ...createAdminsVerbs(deps),
    ...createKeysVerbs(deps),
    ...extra,
  };
}
