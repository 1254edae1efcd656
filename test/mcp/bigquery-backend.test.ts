/**
 * The BigQuery backend's wire behaviour, with the real client against the fake REST API:
 * dry-run refusals, the byte cap (ours, and BigQuery's own maximumBytesBilled), result
 * paging up to the row cap, JSON-safe types, job labels and the catalogue. If this breaks,
 * answers would show rounded IDs and money, wrong timestamps, or silently cut tables; jobs
 * would be unattributable in billing; or a query could cost more than the channel allows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createManualClock } from '../../src/core/clock.ts';
import { createBigQueryBackend } from '../../src/mcp/bigquery/bigquery-backend.ts';
import { connectWarehouse, type WarehouseConnection } from '../../src/mcp/connect-in-process.ts';
import type { WarehousePolicy } from '../../src/mcp/warehouse-policy.ts';
import type { WarehouseRequestContext } from '../../src/mcp/tools/tool-context.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import {
  startFakeBigQuery,
  type FakeBigQuery,
  type FakeQueryScript,
} from '../fakes/bigquery/fake-bigquery.ts';
import { PROJECT, retailEstate } from '../fakes/bigquery/retail-estate.ts';
import { fakeBigQueryClient } from '../support/fake-bigquery-client.ts';

const open: Array<{ fake: FakeBigQuery; connection: WarehouseConnection }> = [];

afterEach(async () => {
  for (const { fake, connection } of open.splice(0)) {
    await connection.close();
    await fake.close();
  }
});

async function setUp(
  options: {
    policy?: Partial<WarehousePolicy>;
    scripts?: FakeQueryScript[];
    pageSize?: number;
    clock?: ReturnType<typeof createManualClock>;
    context?: WarehouseRequestContext;
  } = {},
) {
  const fake = await startFakeBigQuery({
    projectId: PROJECT,
    datasets: retailEstate(),
    scripts: options.scripts ?? [],
  });
  const backend = createBigQueryBackend({
    bigquery: fakeBigQueryClient(fake, PROJECT),
    projectId: PROJECT,
    location: 'asia-northeast1',
    pageSize: options.pageSize ?? 10,
    catalogueTtlMs: 60_000,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  const policy: WarehousePolicy = {
    allowedDatasets: ['retail'],
    maxBytesBilled: 5 * 1024 ** 3,
    maxRows: 100,
    maxResultBytes: 65_536,
    timeoutMs: 10_000,
    labels: { Team: 'Finance/Planning' },
    ...options.policy,
  };
  const server = createWarehouseServer({
    backend,
    policy,
    context: options.context ?? {
      workspaceId: 'T01ABCDEF',
      channelId: 'spaces/AAAA-bb_1',
      userId: 'U07XYZ',
      taskId: 'task-42',
    },
  });
  const connection = await connectWarehouse(server);
  open.push({ fake, connection });
  return { fake, connection };
}

describe('dry run', () => {
  it('reports statement type, bytes and referenced tables from statistics.query', async () => {
    const { connection, fake } = await setUp();
    const result = await connection.callTool('dry_run', { sql: 'SELECT * FROM retail.stores_view' });
    expect(result.isError).toBe(false);
    expect(result.data).toEqual({
      statement_type: 'SELECT',
      bytes_processed: 4000,
      referenced_tables: ['kotae-test.retail.stores_view', 'kotae-test.retail.stores'],
      within_byte_cap: true,
    });
    expect(fake.jobs).toEqual([expect.objectContaining({ dryRun: true })]);
  });

  it('refuses a statement BigQuery classifies as not a SELECT', async () => {
    const { connection } = await setUp({
      scripts: [{ sql: 'SELECT 1 /* really a MERGE */', statementType: 'MERGE' }],
    });
    const result = await connection.callTool('dry_run', { sql: 'SELECT 1 /* really a MERGE */' });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^Refused: this is a MERGE statement/);
  });

  it('passes BigQuery errors through to the model', async () => {
    const { connection } = await setUp();
    const result = await connection.callTool('dry_run', { sql: 'SELECT * FROM retail.nope' });
    expect(result.isError).toBe(true);
    expect(result.content).toContain('Not found: Table kotae-test:retail.nope');
  });
});

describe('byte cap', () => {
  it('refuses before running when the estimate is over the cap, naming both numbers', async () => {
    const { connection, fake } = await setUp({ policy: { maxBytesBilled: 1024 ** 3 } });
    const result = await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.sales' });
    expect(result.content).toContain(
      'about 1.9 GB (2000000000 bytes), over the cap of 1 GB (1073741824 bytes)',
    );
    expect(fake.jobs.filter((job) => !job.dryRun)).toEqual([]);
  });

  it('sends the cap to BigQuery as maximumBytesBilled', async () => {
    const { connection, fake } = await setUp({ policy: { maxBytesBilled: 1024 ** 3 } });
    const result = await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.stores' });
    expect(result.isError).toBe(false);
    const real = fake.jobs.find((job) => !job.dryRun)!;
    expect((real.configuration['query'] as Record<string, unknown>)['maximumBytesBilled']).toBe('1073741824');
  });

  it('reports BigQuery stopping a job that the dry run underestimated', async () => {
    const sql = 'SELECT amount FROM retail.sales WHERE store_id = 1';
    // The dry run says 1 kB; the job then needs 2 GB (say the table grew in between).
    const { connection } = await setUp({
      policy: { maxBytesBilled: 1024 ** 3 },
      scripts: [{ sql, totalBytesProcessed: 1000, jobBytesProcessed: 2_000_000_000 }],
    });
    const result = await connection.callTool('execute_query', { sql });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(
      /^The warehouse rejected the query: Query exceeded limit for bytes billed: 1073741824/,
    );
    expect(result.content).toContain('bytesBilledLimitExceeded');
  });
});

describe('results', () => {
  it('pages through getQueryResults with maxResults and pageToken up to the row cap', async () => {
    const { connection, fake } = await setUp({ policy: { maxRows: 22 }, pageSize: 10 });
    const result = await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.sales' });
    const data = result.data as { rows: unknown[][]; total_rows: number; truncated: boolean; job_id: string };
    expect(data.rows).toHaveLength(22);
    expect(data.rows[21]).toEqual(['2026-10-22', 2, 121_000]);
    expect(data).toMatchObject({ total_rows: 25, truncated: true });
    const pages = fake.requests.filter((request) => request.path.endsWith(`/queries/${data.job_id}`));
    expect(pages.map((page) => [page.query['maxResults'], page.query['pageToken'] !== undefined])).toEqual([
      ['10', false],
      ['10', true],
      ['2', true],
    ]);
  });

  it('returns everything when it fits, untruncated', async () => {
    const { connection } = await setUp({ pageSize: 10 });
    const result = await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.sales' });
    expect(result.data).toMatchObject({ total_rows: 25, truncated: false });
    expect((result.data as { rows: unknown[] }).rows).toHaveLength(25);
  });

  it('caps rows by serialised size as well as by count', async () => {
    const { connection } = await setUp({ policy: { maxResultBytes: 200 } });
    const result = await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.sales' });
    const data = result.data as { rows: unknown[][]; truncated: boolean };
    expect(JSON.stringify(data.rows).length).toBeLessThanOrEqual(200);
    expect(data.rows.length).toBeGreaterThan(0);
    expect(data.truncated).toBe(true);
  });

  it('waits for a running job (jobComplete: false) before reading rows', async () => {
    const sql = 'SELECT * FROM retail.stores';
    const { connection } = await setUp({ scripts: [{ sql, incompletePolls: 3 }] });
    const result = await connection.callTool('execute_query', { sql });
    expect(result.data).toMatchObject({
      total_rows: 2,
      rows: [
        [1, 'こたえマート渋谷店', '東京都'],
        [2, 'こたえマート梅田店', '大阪府'],
      ],
    });
  });

  it('stops and cancels a job that outlives the time limit', async () => {
    const sql = 'SELECT * FROM retail.stores';
    const { connection, fake } = await setUp({
      policy: { timeoutMs: 300 },
      scripts: [{ sql, incompletePolls: 1_000_000 }],
    });
    const result = await connection.callTool('execute_query', { sql });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^The query timed out/);
    expect(fake.jobs.find((job) => !job.dryRun)?.cancelled).toBe(true);
  });

  it('keeps INT64, NUMERIC and BIGNUMERIC exact and writes dates and times as ISO strings', async () => {
    const { connection } = await setUp({
      scripts: [
        {
          sql: 'SELECT * FROM retail.typed',
          referencedTables: [{ projectId: PROJECT, datasetId: 'retail', tableId: 'typed' }],
        },
      ],
    });
    const result = await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.typed' });
    const data = result.data as { columns: Array<{ name: string; type: string }>; rows: unknown[][] };
    const row = Object.fromEntries(data.columns.map((column, i) => [column.name, data.rows[0]![i]]));
    expect(row).toEqual({
      big_int: '9007199254740993', // 2^53 + 1: a JS number would say ...992
      small_int: 42,
      price: 12345.67,
      exact: 0.5,
      huge: '123456789012345678901234567890.123456789',
      ratio: 0.25,
      not_a_number: 'NaN',
      flag: true,
      day: '2026-10-31',
      at: '2025-10-31T00:00:00.123456Z',
      local: '2026-10-31T09:30:00.250000',
      tags: ['売上', 'sales'],
      address: { city: '渋谷区', zip: 1500002 },
      missing: null,
    });
    expect(data.columns.find((column) => column.name === 'tags')?.type).toBe('ARRAY<STRING>');
    expect(data.columns.find((column) => column.name === 'address')?.type).toBe(
      'STRUCT<city STRING, zip INT64>',
    );
    // The text the model reads is plain JSON that parses back to the same values.
    expect(JSON.parse(result.content)).toEqual(result.data);
  });
});

describe('jobs', () => {
  it('labels jobs with workspace, channel, user and task, sanitised to BigQuery label rules', async () => {
    const { connection, fake } = await setUp();
    await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.stores' });
    const real = fake.jobs.find((job) => !job.dryRun)!;
    expect(real.configuration['labels']).toEqual({
      team: 'finance-planning',
      kotae: 'query',
      kotae_workspace: 't01abcdef',
      kotae_channel: 'spaces-aaaa-bb_1',
      kotae_user: 'u07xyz',
      kotae_task: 'task-42',
      kotae_kind: 'mcp',
    });
    expect(real.configuration['jobTimeoutMs']).toBe('10000');
    expect(real.jobId).toMatch(/^kotae_/);
    expect((real.configuration['query'] as Record<string, unknown>)['useLegacySql']).toBe(false);
  });
});

describe('reconciliation labels', () => {
  const LABEL_SAFE = /^[a-z0-9_-]{0,63}$/;

  it('puts kotae_workspace, kotae_channel, kotae_task and kotae_kind, label-safe, on every job', async () => {
    const { connection, fake } = await setUp({
      context: {
        workspaceId: '3F2504E0-4F89-11D3-9A0C-0305E82C3301',
        channelId: 'spaces/AAAA_Üb/er#long' + 'x'.repeat(80),
        userId: 'users/1234',
        taskId: 'Task 42 / retry',
        kind: 'question',
      },
    });
    await connection.callTool('dry_run', { sql: 'SELECT * FROM retail.stores' });
    await connection.callTool('execute_query', { sql: 'SELECT * FROM retail.stores' });
    await connection.callTool('execute_query', { sql: 'SELECT store_id FROM retail.stores' });
    expect(fake.jobs.length).toBeGreaterThanOrEqual(4);
    for (const job of fake.jobs) {
      const labels = job.configuration['labels'] as Record<string, string>;
      for (const key of ['kotae_workspace', 'kotae_channel', 'kotae_task', 'kotae_kind']) {
        expect(labels[key], `${key} on job ${job.jobId}`).toMatch(LABEL_SAFE);
        expect(labels[key]).not.toBe('');
      }
      expect(labels['kotae_workspace']).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
      expect(labels['kotae_task']).toBe('task_42_-_retry');
      expect(labels['kotae_kind']).toBe('question');
      expect(labels['kotae_channel']!.length).toBe(63);
    }
  });
});

describe('catalogue', () => {
  it('lists only allowed datasets and describes tables with schema, row count and sample rows', async () => {
    const { connection } = await setUp();
    const datasets = await connection.callTool('list_datasets', {});
    expect(datasets.data).toEqual({
      datasets: [{ dataset: 'retail', description: '小売の売上と店舗 / Retail sales and stores' }],
    });
    const described = await connection.callTool('describe_table', { table: 'retail.stores' });
    expect(described.data).toMatchObject({
      table: 'retail.stores',
      row_count: 2,
      columns: [
        { name: 'store_id', type: 'INT64' },
        { name: 'store_name', type: 'STRING', description: '店舗名 / Store name' },
        { name: 'prefecture', type: 'STRING', description: '都道府県 / Prefecture' },
      ],
      sample_rows: {
        columns: ['store_id', 'store_name', 'prefecture'],
        rows: [
          [1, 'こたえマート渋谷店', '東京都'],
          [2, 'こたえマート梅田店', '大阪府'],
        ],
      },
    });
    const refused = await connection.callTool('describe_table', { table: 'hr.staff' });
    expect(refused.isError).toBe(true);
  });

  it('caches the catalogue and reloads it after the TTL', async () => {
    const clock = createManualClock(new Date('2026-11-01T00:00:00Z'));
    const { connection, fake } = await setUp({ clock });
    const tableGets = () =>
      fake.requests.filter((r) => /\/datasets\/retail\/tables\/[^/]+$/.test(r.path)).length;
    await connection.callTool('search_tables', { query: '売上' });
    const first = tableGets();
    expect(first).toBeGreaterThan(0);
    await connection.callTool('search_tables', { query: '店舗' });
    expect(tableGets()).toBe(first);
    clock.advance(61_000);
    await connection.callTool('search_tables', { query: '店舗' });
    expect(tableGets()).toBe(first * 2);
  });
});
