/**
 * The admin plane, wired: the admin policy (injected into every verb that needs an admin),
 * the admin verbs for the command router, and the datasets `map` checks against.
 * Slack's users.info lookup is plugged in after the Slack app exists (`useSlackRoles`).
 */
import type { Config } from '../config/config.ts';
import type { Platform } from '../core/chat-event.ts';
import type { AdminPolicy } from '../core/ports/admin-policy.ts';
import type { GlobalWarehouseScope } from '../core/warehouse-scope.ts';
import { createAdminPolicy, type SlackRoleLookup } from '../bot/admin/admin-policy.ts';
import type { AdminVerbDeps, DatasetCatalogue } from '../bot/commands/admin-context.ts';
import { createAdminVerbs } from '../bot/commands/admin-verbs.ts';
import type { VerbHandler } from '../bot/commands/command-router.ts';
import { createKeyVault, type KeyVault } from '../bot/admin/key-vault.ts';
import { readAudit } from '../store/admin-audit.ts';
import { credentialStoreFor } from './credentials.ts';
import { createAdminStore } from '../store/admin-store.ts';
import { createMappingStore } from '../store/mapping-store.ts';
import { createDatasetCatalogue } from './dataset-catalogue.ts';
import type { Stores } from './stores.ts';

export interface AdminPlane {
  policy: AdminPolicy;
  /** The key forms' one way in (Slack modal, Chat dialog, console form). */
  /** Null when keys cannot be sealed here (DATABASE_URL without KOTAE_ENCRYPTION_KEYS). */
  keys: KeyVault | null;
  verbs: Record<string, VerbHandler>;
  useSlackRoles(lookup: SlackRoleLookup): void;
  close(): Promise<void>;
}

export function globalScopeOf(config: Config): GlobalWarehouseScope {
  const warehouse = config.warehouse;
  return {
    projectId: warehouse.kind === 'bigquery' ? warehouse.projectId : null,
    datasets: warehouse.kind === 'bigquery' ? warehouse.datasets : [],
    location: warehouse.kind === 'bigquery' ? (warehouse.location ?? null) : null,
    maxBytesBilled: config.limits.maxBytesBilled,
  };
}

export function configuredProviders(config: Config): string[] {
  return [...(config.models.openai ? ['openai'] : []), ...(config.models.gemini ? ['gemini'] : [])];
}

function defaultModelOf(config: Config): string {
  if (config.models.chain.length > 0) return config.models.chain.join(' → ');
  if (config.models.gemini) return `gemini/${config.models.gemini.defaultModel}`;
  if (config.models.openai) return `openai/${config.models.openai.defaultModel}`;
  return '—';
}

export function createAdminPlane(
  config: Config,
  stores: Stores,
  options: { datasets?: DatasetCatalogue } = {},
): AdminPlane {
  const admins = createAdminStore(stores.db);
  const defaults = { locale: config.defaultLocale, timeZone: config.timeZone };
  let slackRoles: SlackRoleLookup | undefined;
  const policy = createAdminPolicy({
    admins,
    workspaces: stores.workspaces,
    defaults,
    adminEmails: config.env.KOTAE_ADMIN_EMAILS,
    consoleLocalAdmin: config.console.localAdmin,
    slackRoles: () => slackRoles,
  });
  const credentials = credentialStoreFor(config, stores.db);
  const catalogue = options.datasets ? null : createDatasetCatalogue(config);
  const deps: AdminVerbDeps = {
    policy,
    workspaceIdOf: (command) =>
      policy.workspaceIdOf(command.thread.platform as Platform, command.thread.workspaceId),
    timeZoneOf: async (workspaceId) =>
      (await stores.workspaces.get(workspaceId))?.timeZone ?? config.timeZone,
    admins,
    credentials,
    mappings: createMappingStore(stores.db),
    readAudit: (workspaceId, limit) => readAudit(stores.db, workspaceId, limit),
    datasets: options.datasets ?? catalogue!,
    global: globalScopeOf(config),
    providers: configuredProviders(config),
    defaultModel: defaultModelOf(config),
  };
  return {
    policy,
    verbs: createAdminVerbs(deps),
    keys: credentials ? createKeyVault({ policy, credentials, providers: deps.providers }) : null,
    useSlackRoles(lookup) {
      slackRoles = lookup;
    },
    close: async () => await catalogue?.close(),
  };
}
