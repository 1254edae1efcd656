/**
 * The console's LLM key form (`/kotae keys` opens it in the page):
 *   POST /api/console/keys {provider, key, locale} → 200 {text} | 400 {error, field}
 * The key goes straight to the key vault; the answer shows it masked, only to the sender.
 */
import { z } from 'zod';
import { t } from '../../core/i18n/translate.ts';
import { LOCALES } from '../../core/locale.ts';
import type { KeyVault } from '../admin/key-vault.ts';
import { readJson, sendJson } from '../http/http-io.ts';
import type { Route } from '../http/route.ts';
import { consoleUser } from './console-verify.ts';
import { CONSOLE_WORKSPACE } from './console-channels.ts';

const bodySchema = z.object({
  provider: z.string().max(50),
  key: z.string().max(1_000),
  locale: z.enum(LOCALES).default(LOCALES[0]),
});

export function createConsoleKeysRoute(keys: KeyVault | null): Route {
  return {
    method: 'POST',
    path: '/api/console/keys',
    async handle(request, response) {
      const parsed = bodySchema.safeParse(await readJson(request));
      if (!parsed.success) {
        sendJson(response, 400, { error: t('en', 'admin.keys.badKey'), field: 'key' });
        return;
      }
      const { provider, key, locale } = parsed.data;
      if (!keys) {
        sendJson(response, 400, { error: t(locale, 'admin.keys.unavailable'), field: 'key' });
        return;
      }
      // Behind IAP the console user is the verified email, which KOTAE_ADMIN_EMAILS names.
      const user = consoleUser(request);
      const person = {
        platform: 'console' as const,
        workspaceId: CONSOLE_WORKSPACE,
        userId: user,
        ...(user.includes('@') ? { email: user } : {}),
      };
      const result = await keys.save(person, { provider, key }, locale);
      if (!result.ok) {
        sendJson(response, result.field === 'admin' ? 403 : 400, { error: result.text, field: result.field });
        return;
      }
      sendJson(response, 200, { text: result.text, masked: result.masked });
    },
  };
}
