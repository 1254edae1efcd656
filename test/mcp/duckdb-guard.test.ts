/**
 * The guard on DuckDB, through a real MCP client on the real server over the demo estate.
 * If this breaks, a model could change or export the demo data, read files on the host,
 * or read the `hr` dataset the channel is not allowed to see; or an analyst's ordinary
 * question would be refused for no reason.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWarehouse, type WarehouseConnection } from '../../src/mcp/connect-in-process.ts';
import { createDuckDbBackend } from '../../src/mcp/duckdb/duckdb-backend.ts';
import type { QueryLogEntry } from '../../src/mcp/query-log.ts';
import type { WarehouseBackend } from '../../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { demoPolicy, sharedDemoPath } from '../support/demo-warehouse.ts';
import { ATTACKS, forBackend, LEGITIMATE } from '../support/sql-corpus.ts';

let work: string;
let outputs: string;
let database: string;
let hashBefore: string;
let backend: WarehouseBackend;
let connection: WarehouseConnection;
const log: QueryLogEntry[] = [];

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'kotae-guard-'));
  outputs = mkdtempSync(join(tmpdir(), 'kotae-guard-out-'));
  database = join(work, 'demo.duckdb');
  copyFileSync(await sharedDemoPath(), database);
  hashBefore = sha256(database);
  backend = await createDuckDbBackend({ path: database });
  const server = createWarehouseServer({
    backend,
    policy: demoPolicy(),
    context: { workspaceId: 'W1', channelId: 'C1', userId: 'U1', taskId: 'T1' },
    queryLog: { record: async (entry) => void log.push(entry) },
  });
  connection = await connectWarehouse(server);
});

afterAll(async () => {
  await connection?.close();
  await backend?.close();
  rmSync(work, { recursive: true, force: true });
  rmSync(outputs, { recursive: true, force: true });
});

const attacks = forBackend(ATTACKS, 'duckdb');
const legitimate = forBackend(LEGITIMATE, 'duckdb');

describe('DuckDB attack corpus', () => {
  it('has at least 40 statements', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(40);
  });

  it.each(attacks)('refuses $name', async ({ sql }) => {
    const result = await connection.callTool('execute_query', { sql: sql.replaceAll('{dir}', outputs) });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^Refused: /);
  });

  it('also refuses them at dry_run', async () => {
    for (const { sql } of attacks.slice(0, 12)) {
      const result = await connection.callTool('dry_run', { sql: sql.replaceAll('{dir}', outputs) });
      expect(result.isError, sql).toBe(true);
    }
  });

  it('ran none of them: the database file is unchanged and no file was written', () => {
    expect(sha256(database)).toBe(hashBefore);
    expect(readdirSync(outputs)).toEqual([]);
    expect(readdirSync(work).sort()).toEqual(['demo.duckdb']);
  });

  it('recorded every refusal in the query log with who asked', () => {
    const refused = log.filter(
      (entry) => entry.verdict === 'REFUSED' && entry.reason?.startsWith('execute_query'),
    );
    expect(refused.length).toBe(attacks.length);
    expect(log.some((entry) => entry.verdict === 'EXECUTED')).toBe(false);
    expect(refused[0]).toMatchObject({
      workspaceId: 'W1',
      channelId: 'C1',
      userId: 'U1',
      taskId: 'T1',
      backend: 'duckdb',
    });
  });

  it('says which tables were off-list and which datasets are allowed', async () => {
    const result = await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.store_staffing' });
    expect(result.content).toContain('hr.staff');
    expect(result.content).toContain('(retail)');
  });

  it('names the estimate and the cap when the byte cap refuses', async () => {
    const result = await connection.callTool('dry_run', {
      sql: 'SELECT count(*) FROM retail.sales, range(1000000000000) AS r(i)',
    });
    expect(result.content).toMatch(
      /about 7\.3 TB \(8000000000000 bytes\), over the cap of 1 GB \(1073741824 bytes\)/,
    );
  });
});

describe('DuckDB legitimate corpus', () => {
  it('has at least 40 statements', () => {
    expect(legitimate.length).toBeGreaterThanOrEqual(40);
  });

  it.each(legitimate)('runs $name', async ({ sql }) => {
    const result = await connection.callTool('execute_query', { sql });
    expect(result.content).not.toMatch(/^Refused/);
    expect(result.isError).toBe(false);
    const data = result.data as { columns: unknown[]; rows: unknown[][]; job_id: string };
    expect(data.columns.length).toBeGreaterThan(0);
    expect(data.job_id).toMatch(/^duckdb-/);
  });
});
