/**
 * The query log on both database engines, fed by the real warehouse server. If this breaks,
 * admins lose the record of who ran which SQL, what it cost and what was refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWarehouse } from '../../src/mcp/connect-in-process.ts';
import { createDuckDbBackend } from '../../src/mcp/duckdb/duckdb-backend.ts';
import type { QueryLogSink } from '../../src/mcp/query-log.ts';
import type { WarehouseBackend } from '../../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { createPrismaQueryLog } from '../../src/store/query-log-store.ts';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../support/database.ts';
import { demoPolicy, sharedDemoPath } from '../support/demo-warehouse.ts';

let backend: WarehouseBackend;
beforeAll(async () => {
  backend = await createDuckDbBackend({ path: await sharedDemoPath() });
});
afterAll(async () => {
  await backend?.close();
});

describe.each(DATABASE_KINDS)('query log on %s', (kind) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
  }, 60_000);
  afterAll(async () => {
    await db?.drop();
  });

  it('stores executed, refused and failed queries with who, where, bytes, rows and job', async () => {
    // The store satisfies the warehouse's port: this line fails to compile if they drift apart.
    const sink: QueryLogSink = createPrismaQueryLog(db.prisma);
    const connection = await connectWarehouse(
      createWarehouseServer({
        backend,
        policy: demoPolicy(),
        queryLog: sink,
        context: { workspaceId: 'W1', channelId: 'C1', userId: 'U1', taskId: 'task-1' },
      }),
    );
    await connection.callTool('execute_query', { sql: 'SELECT count(*) FROM retail.orders' });
    await connection.callTool('execute_query', { sql: 'SELECT * FROM hr.staff' });
    await connection.callTool('execute_query', { sql: 'SELECT nope FROM retail.orders' });
    await connection.close();

    const log = createPrismaQueryLog(db.prisma);
    const entries = await log.recent({ workspaceId: 'W1', limit: 10 });
    expect(entries.map((entry) => entry.verdict).sort()).toEqual(['EXECUTED', 'FAILED', 'REFUSED']);
    const executed = entries.find((entry) => entry.verdict === 'EXECUTED')!;
    expect(executed).toMatchObject({
      workspaceId: 'W1',
      channelId: 'C1',
      userId: 'U1',
      taskId: 'task-1',
      backend: 'duckdb',
      sql: 'SELECT count(*) FROM retail.orders',
      rows: 1,
      jobId: expect.stringMatching(/^duckdb-/),
    });
    expect(executed.bytesProcessed).toBe(0);
    const refused = entries.find((entry) => entry.verdict === 'REFUSED')!;
    expect(refused.reason).toMatch(/hr\.staff/);
    expect(await log.recent({ workspaceId: 'other', limit: 10 })).toEqual([]);
  });

  it('keeps byte counts beyond 32 bits and clamps huge row counts', async () => {
    const log = createPrismaQueryLog(db.prisma);
    await log.record({
      workspaceId: 'W2',
      backend: 'bigquery',
      sql: 'SELECT * FROM big.table',
      verdict: 'EXECUTED',
      bytesProcessed: 5 * 1024 ** 4,
      rows: 9_000_000_000,
      durationMs: 1234.6,
      jobId: 'job_1',
      createdAt: new Date('2026-11-01T00:00:00Z'),
    });
    const [entry] = await log.recent({ workspaceId: 'W2', limit: 1 });
    expect(entry).toMatchObject({ bytesProcessed: 5 * 1024 ** 4, rows: 2_147_483_647, durationMs: 1235 });
  });
});
