/**
 * The standalone server as an MCP client sees it: `node src/mcp/cli-main.ts --stdio`
 * (what `kotae mcp --stdio` runs) spawned under Node 24 and driven by the SDK's real
 * StdioClientTransport, with both corpora; and `--http` behind its bearer token. If this
 * breaks, Claude Desktop, Gemini CLI or MCP Inspector get a server that lets writes or
 * off-list reads through, refuses good queries, or serves HTTP to anyone.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { getDefaultEnvironment, StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { ATTACKS, forBackend, LEGITIMATE } from '../support/sql-corpus.ts';

const ENTRY = join(import.meta.dirname, '../../src/mcp/cli-main.ts');
let demo: string;
let outputs: string;

beforeAll(async () => {
  demo = await sharedDemoPath();
  outputs = mkdtempSync(join(tmpdir(), 'kotae-stdio-out-'));
});
afterAll(() => rmSync(outputs, { recursive: true, force: true }));

const childEnv = () => ({ ...getDefaultEnvironment(), KOTAE_DATA_DIR: dirname(demo) });

describe('kotae mcp --stdio', () => {
  let client: Client;
  let transport: StdioClientTransport;
  let stderr = '';
  let hashBefore: string;

  beforeAll(async () => {
    hashBefore = createHash('sha256').update(readFileSync(demo)).digest('hex');
    transport = new StdioClientTransport({
      command: process.execPath,
      args: [ENTRY, '--stdio', '--max-rows', '50'],
      env: childEnv(),
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    client = new Client({ name: 'stdio-test', version: '1.0.0' });
    await client.connect(transport);
  }, 60_000);
  afterAll(async () => {
    await client?.close();
  });

  const call = async (name: string, args: Record<string, unknown>) =>
    (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = (result: CallToolResult) =>
    result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

  it('announces its dialect and says to search first', () => {
    expect(client.getServerVersion()?.name).toBe('kotae-warehouse');
    expect(client.getInstructions()).toContain('SQL dialect: DuckDB SQL');
    expect(client.getInstructions()).toContain('Search first');
    expect(client.getServerCapabilities()?.experimental?.['kotae/warehouse']).toEqual({
      backend: 'duckdb',
      dialect: 'DuckDB SQL',
    });
  });

  it('lists the six warehouse tools', async () => {
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(
      ['describe_table', 'dry_run', 'execute_query', 'list_datasets', 'list_tables', 'search_tables'].sort(),
    );
  });

  it.each(forBackend(ATTACKS, 'duckdb'))('refuses $name', async ({ sql }) => {
    const result = await call('execute_query', { sql: sql.replaceAll('{dir}', outputs) });
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^Refused: /);
  });

  it.each(forBackend(LEGITIMATE, 'duckdb'))('runs $name', async ({ sql }) => {
    const result = await call('execute_query', { sql });
    expect(text(result)).not.toMatch(/^Refused/);
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent).toMatchObject({ columns: expect.any(Array), rows: expect.any(Array) });
  });

  it('changed nothing and wrote no file', () => {
    expect(createHash('sha256').update(readFileSync(demo)).digest('hex')).toBe(hashBefore);
    expect(readdirSync(outputs)).toEqual([]);
  });

  it('logs every query to stderr as JSON lines', () => {
    const entries = stderr
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { event: string; verdict: string });
    expect(entries.filter((entry) => entry.verdict === 'REFUSED').length).toBeGreaterThanOrEqual(
      forBackend(ATTACKS, 'duckdb').length,
    );
    expect(entries.filter((entry) => entry.verdict === 'EXECUTED').length).toBe(
      forBackend(LEGITIMATE, 'duckdb').length,
    );
  });
});

function runCli(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [ENTRY, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

describe('kotae mcp --http', () => {
  const token = 'test-token-0123456789abcdef';

  it('refuses to start without a bearer token, in one line', async () => {
    const run = runCli(['--http', '0'], childEnv());
    expect(await run.exited).toBe(2);
    expect(run.stderr().trim().split('\n')).toEqual([
      'kotae mcp: --token: HTTP needs a bearer token: pass --token or set KOTAE_MCP_TOKEN (at least 16 characters)',
    ]);
  });

  it('serves tools to a client with the token and 401 to anyone else', async () => {
    const run = runCli(['--http', '0'], { ...childEnv(), KOTAE_MCP_TOKEN: token });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setInterval(() => {
          const match = /at (http:\/\/\S+\/mcp)/.exec(run.stderr());
          if (match) {
            clearInterval(timer);
            resolve(match[1]!);
          }
        }, 50);
        void run.exited.then(() => reject(new Error(`server exited: ${run.stderr()}`)));
      });
      const anonymous = await fetch(url, {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Bearer/);
      const wrong = await fetch(url, {
        method: 'POST',
        body: '{}',
        headers: { authorization: 'Bearer nope' },
      });
      expect(wrong.status).toBe(401);

      const client = new Client({ name: 'http-test', version: '1.0.0' });
      await client.connect(
        new StreamableHTTPClientTransport(new URL(url), {
          requestInit: { headers: { authorization: `Bearer ${token}` } },
        }),
      );
      expect(client.getInstructions()).toContain('SQL dialect: DuckDB SQL');
      const found = (await client.callTool({
        name: 'search_tables',
        arguments: { query: '売上' },
      })) as CallToolResult;
      expect(found.isError).toBeFalsy();
      const refused = (await client.callTool({
        name: 'execute_query',
        arguments: { sql: 'DELETE FROM retail.sales' },
      })) as CallToolResult;
      expect(refused.isError).toBe(true);
      await client.close();
    } finally {
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    }
  }, 60_000);
});
