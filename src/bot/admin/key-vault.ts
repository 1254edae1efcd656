/**
 * Entering and removing a workspace's LLM keys, the same for every platform's form (Slack
 * modal, Google Chat dialog, console form): the admin check, the input check, then the
 * sealed store. Keys never come back out of here except masked.
 */
import type { MessageKey } from '../../core/i18n/catalogue.ts';
import { t } from '../../core/i18n/translate.ts';
import type { Locale } from '../../core/locale.ts';
import type { Person } from '../../core/ports/admin-policy.ts';
import type { CredentialStore, StoredKey } from '../../store/credential-store.ts';
import type { AdminDirectory } from './admin-policy.ts';

export type KeySave =
  | { ok: true; text: string; masked: string }
  | { ok: false; field: 'provider' | 'key' | 'admin'; text: string };

export interface KeyVault {
  readonly providers: readonly string[];
  list(person: Person): Promise<StoredKey[]>;
  save(person: Person, input: { provider: string; key: string }, locale: Locale): Promise<KeySave>;
}

/** Provider keys are printable ASCII without spaces; 20–300 characters covers OpenAI and Gemini. */
const KEY = /^[\x21-\x7e]{20,300}$/;

export function createKeyVault(deps: {
  policy: AdminDirectory;
  credentials: CredentialStore;
  providers: readonly string[];
}): KeyVault {
  const workspaceOf = (person: Person) => deps.policy.workspaceIdOf(person.platform, person.workspaceId);
  const problem = (field: 'provider' | 'key', locale: Locale, key: MessageKey, params = {}): KeySave => ({
    ok: false,
    field,
    text: t(locale, key, params),
  });
  return {
    providers: deps.providers,
    list: async (person) => await deps.credentials.list(await workspaceOf(person)),
    async save(person, input, locale) {
      if (!(await deps.policy.isAdmin(person))) {
        const names = await deps.policy.adminNames(person);
        return { ok: false, field: 'admin', text: t(locale, 'admin.refused', { admins: names.join(', ') }) };
      }
      const provider = input.provider.trim().toLowerCase();
      if (!deps.providers.includes(provider)) {
        return problem('provider', locale, 'admin.keys.badProvider', {
          value: provider.replace(/`/g, ''),
          providers: deps.providers.join(', '),
        });
      }
      const key = input.key.trim();
      if (!KEY.test(key)) return problem('key', locale, 'admin.keys.badKey');
      const stored = await deps.credentials.set(await workspaceOf(person), provider, key, person.userId);
      return {
        ok: true,
        masked: stored.masked,
        text: t(locale, 'admin.keys.saved', { provider, masked: `\`${stored.masked}\`` }),
      };
    },
  };
}
