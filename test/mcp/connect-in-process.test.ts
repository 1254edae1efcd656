/**
 * The agent's connection: a real MCP client over the SDK's in-memory transport pair, seen
 * through the ToolProvider port. If this breaks, the agent gets no tools, no dialect for its
 * prompt, loses the structured rows behind an answer, or crashes on a tool failure instead
 * of letting the model read it and correct itself.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWarehouse, type WarehouseConnection } from '../../src/mcp/connect-in-process.ts';
import { createDuckDbBackend } from '../../src/mcp/duckdb/duckdb-backend.ts';
import type { QueryLogEntry, QueryLogSink } from '../../src/mcp/query-log.ts';
import type { WarehouseBackend } from '../../src/mcp/warehouse-backend.ts';
import { createWarehouseServer } from '../../src/mcp/warehouse-server.ts';
import { demoPolicy, sharedDemoPath } from '../support/demo-warehouse.ts';

let backend: WarehouseBackend;
beforeAll(async () => {
  backend = await createDuckDbBackend({ path: await sharedDemoPath() });
});
afterAll(async () => {
  await backend.close();
});

async function connect(
  queryLog?: QueryLogSink,
  onLogError?: (error: unknown) => void,
): Promise<WarehouseConnection> {
  return connectWarehouse(
    createWarehouseServer({
      backend,
      policy: demoPolicy({ maxRows: 3 }),
      context: { userId: 'U1' },
      ...(queryLog ? { queryLog } : {}),
      ...(onLogError ? { onLogError } : {}),
    }),
  );
}

describe('connectWarehouse', () => {
  it('exposes instructions with the dialect and the tools as ToolSpecs', async () => {
    const connection = await connect();
    expect(connection.dialect).toBe('DuckDB SQL');
    expect(connection.instructions).toMatch(/SQL dialect: DuckDB SQL/);
    expect(connection.instructions).toMatch(/Allowed datasets: retail/);
    const tools = await connection.listTools();
    const execute = tools.find((tool) => tool.name === 'execute_query');
    expect(execute?.description).toContain('SELECT');
    expect(execute?.inputSchema).toMatchObject({ type: 'object', required: ['sql'] });
    expect(JSON.stringify(execute?.inputSchema)).not.toMatch(/max_bytes|allowed|dataset/i);
    await connection.close();
  });

  it('returns text for the model and the structured result for the agent', async () => {
    const connection = await connect();
    const result = await connection.callTool('execute_query', {
      sql: 'SELECT store_id, store_name FROM retail.stores ORDER BY store_id',
      max_rows: 1000,
    });
    expect(result.isError).toBe(false);
    expect(result.data).toMatchObject({
      total_rows: 62,
      truncated: true,
      rows: [
        [1, 'こたえマート渋谷店'],
        [2, 'こたえマート新宿店'],
        [3, 'こたえマート池袋店'],
      ],
    });
    expect(JSON.parse(result.content)).toEqual(result.data);
    await connection.close();
  });

  it('turns protocol errors (unknown tool, bad arguments) into error results, not exceptions', async () => {
    const connection = await connect();
    const unknown = await connection.callTool('drop_everything', {});
    expect(unknown.isError).toBe(true);
    const bad = await connection.callTool('execute_query', { sql: 42 });
    expect(bad.isError).toBe(true);
    expect(bad.content).toMatch(/sql/);
    await connection.close();
  });

  it('lets a cancellation through as an abort, not as a tool result', async () => {
    const connection = await connect();
    const controller = new AbortController();
    const pending = connection.callTool(
      'execute_query',
      { sql: 'SELECT count(*) FROM range(100000000) t(i)' },
      controller.signal,
    );
    controller.abort(new Error('user cancelled'));
    await expect(pending).rejects.toThrow('user cancelled');
    await connection.close();
  });
});

describe('query log', () => {
  it('records executed, refused and failed queries with bytes, rows, job id and duration', async () => {
    const entries: QueryLogEntry[] = [];
    const connection = await connect({ record: async (entry) => void entries.push(entry) });
    await connection.callTool('execute_query', { sql: 'SELECT sum(amount) FROM retail.sales' });
    await connection.callTool('execute_query', { sql: 'DELETE FROM retail.sales' });
    await connection.callTool('execute_query', { sql: 'SELECT no_such_column FROM retail.sales' });
    await connection.callTool('dry_run', { sql: 'SELECT * FROM hr.staff' });
    await connection.callTool('dry_run', { sql: 'SELECT 1' });
    expect(entries.map((entry) => entry.verdict)).toEqual(['EXECUTED', 'REFUSED', 'FAILED', 'REFUSED']);
    expect(entries[0]).toMatchObject({
      backend: 'duckdb',
      userId: 'U1',
      sql: 'SELECT sum(amount) FROM retail.sales',
      rows: 1,
      bytesProcessed: expect.any(Number),
      jobId: expect.stringMatching(/^duckdb-/),
      durationMs: expect.any(Number),
      createdAt: expect.any(Date),
    });
    expect(entries[0]!.bytesProcessed).toBeGreaterThan(0);
    expect(entries[2]!.reason).toMatch(/no_such_column/);
    expect(entries[3]!.reason).toMatch(/^dry_run: Refused/);
    await connection.close();
  });

  it('never fails a query because the log failed', async () => {
    const problems: unknown[] = [];
    const connection = await connect(
      { record: async () => Promise.reject(new Error('database down')) },
      (error) => problems.push(error),
    );
    const result = await connection.callTool('execute_query', { sql: 'SELECT 1 AS one' });
    expect(result.isError).toBe(false);
    expect(result.data).toMatchObject({ rows: [[1]] });
    expect(problems).toEqual([new Error('database down')]);
    await connection.close();
  });
});
