/**
 * The guard on BigQuery: the real @google-cloud/bigquery client against the fake REST API,
 * so every decision rests on a real dry run (jobs.insert, dryRun: true) as the client
 * sends it. If this breaks, a model could run DML, scripts, exports or procedures against
 * a customer's warehouse, read datasets the channel is not mapped to (directly or through
 * a view), or run up a bill past the cap; or ordinary questions would be refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBigQueryBackend } from '../../src/mcp/bigquery/bigquery-backend.ts';
import { connectWarehouse, type WarehouseConnection } from '../../src/mcp/connect-in-process.ts';
import type { QueryLogEntry } from '../../src/mcp/query-log.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { startFakeBigQuery, type FakeBigQuery } from '../fakes/bigquery/fake-bigquery.ts';
import { PROJECT, retailEstate } from '../fakes/bigquery/retail-estate.ts';
import { fakeBigQueryClient } from '../support/fake-bigquery-client.ts';
import { ATTACKS, forBackend, LEGITIMATE } from '../support/sql-corpus.ts';

let fake: FakeBigQuery;
let connection: WarehouseConnection;
const log: QueryLogEntry[] = [];

beforeAll(async () => {
  fake = await startFakeBigQuery({ projectId: PROJECT, datasets: retailEstate() });
  const backend = createBigQueryBackend({
    bigquery: fakeBigQueryClient(fake, PROJECT),
    projectId: PROJECT,
    location: 'asia-northeast1',
  });
  const server = createWarehouseServer({
    backend,
    policy: {
      allowedDatasets: ['retail'],
      maxBytesBilled: 1024 ** 3,
      maxRows: 100,
      maxResultBytes: 65_536,
      timeoutMs: 10_000,
    },
    context: { workspaceId: 'T0SLACK', channelId: 'C0SALES', userId: 'U0ANALYST' },
    queryLog: { record: async (entry) => void log.push(entry) },
  });
  connection = await connectWarehouse(server);
});

afterAll(async () => {
  await connection?.close();
  await fake?.close();
});

const attacks = forBackend(ATTACKS, 'bigquery');
const legitimate = forBackend(LEGITIMATE, 'bigquery');

describe('BigQuery attack corpus', () => {
  it('has at least 40 statements', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(40);
  });

  it.each(attacks)('refuses $name after a dry run', async ({ sql }) => {
    const before = fake.jobs.length;
    const result = await connection.callTool('execute_query', { sql });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/^Refused: /);
    // Dry run first, and nothing else.
    expect(fake.jobs.slice(before)).toEqual([expect.objectContaining({ dryRun: true, query: sql })]);
  });

  it('never created a job that was not a dry run', () => {
    expect(fake.jobs.filter((job) => !job.dryRun)).toEqual([]);
  });

  it('logged each refusal with the requester', () => {
    const refused = log.filter((entry) => entry.verdict === 'REFUSED');
    expect(refused.length).toBe(attacks.length);
    expect(refused[0]).toMatchObject({
      backend: 'bigquery',
      workspaceId: 'T0SLACK',
      channelId: 'C0SALES',
      userId: 'U0ANALYST',
    });
  });
});

describe('BigQuery legitimate corpus', () => {
  it('has at least 40 statements', () => {
    expect(legitimate.length).toBeGreaterThanOrEqual(40);
  });

  it.each(legitimate)('runs $name', async ({ sql }) => {
    const before = fake.jobs.length;
    const result = await connection.callTool('execute_query', { sql });
    expect(result.content).not.toMatch(/^Refused/);
    expect(result.isError).toBe(false);
    const jobs = fake.jobs.slice(before);
    expect(jobs.map((job) => job.dryRun)).toEqual([true, false]);
    expect((result.data as { job_id: string }).job_id).toBe(jobs[1]!.jobId);
  });
});

describe('a view redefined between the dry run and the run', () => {
  // The dry run saw only retail; by the time the job ran, the view read hr too.
  const SQL = 'SELECT store_id, amount FROM retail.sales_summary';

  it('withholds the rows when the finished job read a table outside the allowlist', async () => {
    const racing = await startFakeBigQuery({
      projectId: PROJECT,
      datasets: retailEstate(),
      scripts: [
        {
          sql: SQL,
          statementType: 'SELECT',
          totalBytesProcessed: 1_000,
          referencedTables: [{ projectId: PROJECT, datasetId: 'retail', tableId: 'sales' }],
          jobReferencedTables: [
            { projectId: PROJECT, datasetId: 'retail', tableId: 'sales' },
            { projectId: PROJECT, datasetId: 'hr', tableId: 'salaries' },
          ],
          result: {
            schema: [
              { name: 'store_id', type: 'INTEGER', mode: 'NULLABLE' },
              { name: 'amount', type: 'INTEGER', mode: 'NULLABLE' },
            ],
            rows: [['1', '4200000']],
          },
        },
      ],
    });
    const entries: QueryLogEntry[] = [];
    const server = createWarehouseServer({
      backend: createBigQueryBackend({ bigquery: fakeBigQueryClient(racing, PROJECT), projectId: PROJECT }),
      policy: {
        allowedDatasets: ['retail'],
        maxBytesBilled: 1024 ** 3,
        maxRows: 100,
        maxResultBytes: 65_536,
        timeoutMs: 10_000,
      },
      context: {},
      queryLog: { record: async (entry) => void entries.push(entry) },
    });
    const raced = await connectWarehouse(server);
    try {
      const result = await raced.callTool('execute_query', { sql: SQL });
      expect(result.isError).toBe(true);
      expect(result.content).toMatch(/^Refused: the query reads .*hr\.salaries/);
      expect(result.content).not.toContain('4200000');
      expect(entries.at(-1)).toMatchObject({ verdict: 'REFUSED', sql: SQL });
    } finally {
      await raced.close();
      await racing.close();
    }
  });
});
