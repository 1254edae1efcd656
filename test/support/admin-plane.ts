/**
 * The admin plane as startKotae builds it (createAdminPlane), over a test database and the
 * shared DuckDB demo estate, for tests that assemble a platform harness themselves.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAdminPlane, type AdminPlane } from '../../src/app/admin-plane.ts';
import { createStores } from '../../src/app/stores.ts';
import { createCommandRouter } from '../../src/bot/commands/command-router.ts';
import { loadConfig } from '../../src/config/config.ts';
import type { CommandRouter } from '../../src/core/ports/command-router.ts';
import type { Intake } from '../../src/core/ports/intake.ts';
import type { Database } from '../../src/store/prisma-client.ts';
import { sharedDemoPath } from './demo-warehouse.ts';

export async function testAdminPlane(
  prisma: Database,
  env: Record<string, string> = {},
): Promise<AdminPlane & { routerFor(intake: Intake): CommandRouter }> {
  const config = loadConfig({
    DUCKDB_PATH: await sharedDemoPath(),
    OPENAI_API_KEY: 'sk-test',
    KOTAE_CONSOLE_ADMIN: 'false',
    KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-admin-')),
    KOTAE_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    ...env,
  });
  const plane = createAdminPlane(config, createStores(prisma));
  return {
    ...plane,
    routerFor: (intake) =>
      createCommandRouter({ intake, defaultLocale: config.defaultLocale, extraVerbs: plane.verbs }),
  };
}
