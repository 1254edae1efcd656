/**
 * A tiny warehouse for agent tests: a real MCP server (the SDK's McpServer) with the
 * contract's tools (DESIGN.md), backed by an in-memory DuckDB with five stores and 200
 * orders whose totals can be checked by hand, reached by a real MCP client over
 * InMemoryTransport. It counts sessions and statements so tests can see what the agent did;
 * bad SQL fails with DuckDB's real error text. test/agent/full-stack.test.ts runs the agent
 * on Kotae's own warehouse server (src/mcp) and its generated demo estate instead.
 */
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { ToolResult } from '../../../src/core/ports/tool-provider.ts';
import type { WarehouseConnection } from '../../../src/core/ports/warehouse-connection.ts';

export interface DemoWarehouse {
  /** Opens a fresh MCP client session, as the agent does once per task. */
  connect(): Promise<WarehouseConnection>;
  /** Every statement execute_query ran (or tried to). */
  executed: string[];
  /** Sessions opened and closed, to check the agent always closes what it opens. */
  sessions: { opened: number; closed: number };
  close(): Promise<void>;
}

const TABLES: Record<string, string> = {
  'retail.stores': `CREATE TABLE retail.stores AS SELECT * FROM (VALUES
    (1, '新宿店', '東京都'), (2, '渋谷店', '東京都'), (3, '梅田店', '大阪府'), (4, '難波店', '大阪府'), (5, '博多店', '福岡県')
  ) v(store_id, store_name, prefecture)`,
  'retail.orders': `CREATE TABLE retail.orders AS
    SELECT i AS order_id, (i % 5) + 1 AS store_id, DATE '2025-12-01' + (i % 31)::INTEGER AS order_date,
           (1000 + (i * 37) % 5000)::BIGINT AS amount
    FROM range(1, 201) t(i)`,
};

const DESCRIPTIONS: Record<string, string> = {
  'retail.stores': '店舗マスタ (stores): one row per store, with its prefecture.',
  'retail.orders': '注文 (orders): one row per order, amount in yen.',
};

export async function startDemoWarehouse(): Promise<DemoWarehouse> {
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run('CREATE SCHEMA retail');
  for (const ddl of Object.values(TABLES)) await db.run(ddl);
  const executed: string[] = [];
  const sessions = { opened: 0, closed: 0 };

  return {
    executed,
    sessions,
    async connect() {
      const server = buildServer(db, executed);
      const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
      await server.connect(serverTransport);
      const client = new Client({ name: 'kotae-agent-test', version: '0.0.0' });
      await client.connect(clientTransport);
      sessions.opened += 1;
      return {
        dialect: 'DuckDB',
        instructions: client.getInstructions() ?? '',
        async listTools() {
          const { tools } = await client.listTools();
          return tools.map((tool) => ({
            name: tool.name,
            description: tool.description ?? '',
            inputSchema: tool.inputSchema as Record<string, unknown>,
          }));
        },
        async callTool(name, args, signal): Promise<ToolResult> {
          const result = await client.callTool(
            { name, arguments: args },
            undefined,
            signal ? { signal } : undefined,
          );
          const content = (result.content as Array<{ type: string; text?: string }>)
            .map((part) => (part.type === 'text' ? (part.text ?? '') : ''))
            .join('\n');
          return { content, isError: result.isError === true, data: result.structuredContent };
        },
        async close() {
          sessions.closed += 1;
          await client.close();
          await server.close();
        },
      };
    },
    async close() {
      db.closeSync();
      instance.closeSync();
    },
  };
}

function buildServer(db: DuckDBConnection, executed: string[]): McpServer {
  const server = new McpServer(
    { name: 'kotae-demo-warehouse', version: '0.0.0' },
    { instructions: 'Demo retail data in the dataset "retail". Tables are named dataset.table.' },
  );
  const json = (value: unknown) => ({
    content: [{ type: 'text' as const, text: JSON.stringify(value) }],
    structuredContent: value as Record<string, unknown>,
  });
  const refuse = (message: string) => ({
    content: [{ type: 'text' as const, text: message }],
    isError: true,
  });

  server.registerTool('list_datasets', { description: 'List datasets.' }, () =>
    json({ datasets: ['retail'] }),
  );
  server.registerTool(
    'list_tables',
    { description: 'List the tables of a dataset.', inputSchema: { dataset: z.string() } },
    ({ dataset }) =>
      dataset === 'retail'
        ? json({ tables: Object.keys(TABLES).map((name) => ({ name, description: DESCRIPTIONS[name] })) })
        : refuse(`Dataset "${dataset}" not found or not allowed.`),
  );
  server.registerTool(
    'search_tables',
    {
      description: 'Find tables by words in their names, descriptions and columns.',
      inputSchema: { query: z.string() },
    },
    ({ query }) => {
      const words = query.toLowerCase().split(/\s+/).filter(Boolean);
      const matches = Object.keys(TABLES).filter((name) =>
        words.some((word) => `${name} ${DESCRIPTIONS[name]}`.toLowerCase().includes(word)),
      );
      return json({ tables: matches.map((name) => ({ name, description: DESCRIPTIONS[name] })) });
    },
  );
  server.registerTool(
    'describe_table',
    {
      description: 'Columns, types, row count and sample rows of a table.',
      inputSchema: { table: z.string() },
    },
    async ({ table }) => {
      if (!(table in TABLES)) return refuse(`Table "${table}" not found or not allowed.`);
      const columns = await db.runAndReadAll(`DESCRIBE ${table}`);
      const count = await db.runAndReadAll(`SELECT count(*) AS n FROM ${table}`);
      const sample = await db.runAndReadAll(`SELECT * FROM ${table} LIMIT 3`);
      return json({
        table,
        description: DESCRIPTIONS[table],
        columns: columns
          .getRowObjectsJson()
          .map((row) => ({ name: row['column_name'], type: row['column_type'] })),
        row_count: Number(count.getRowsJson()[0]![0]),
        sample_rows: sample.getRowObjectsJson(),
      });
    },
  );
  server.registerTool(
    'dry_run',
    { description: 'Check a query without running it.', inputSchema: { sql: z.string() } },
    async ({ sql }) => {
      const refusal = readOnlyRefusal(sql);
      if (refusal) return refuse(refusal);
      try {
        await db.runAndReadAll(`EXPLAIN ${sql}`);
        return json({
          statement_type: 'SELECT',
          bytes_processed: estimateBytes(sql),
          referenced_tables: referenced(sql),
        });
      } catch (error) {
        return refuse((error as Error).message);
      }
    },
  );
  server.registerTool(
    'execute_query',
    {
      description: 'Run a read-only query.',
      inputSchema: { sql: z.string(), max_rows: z.number().int().positive().optional() },
    },
    async ({ sql, max_rows }) => {
      executed.push(sql);
      const refusal = readOnlyRefusal(sql);
      if (refusal) return refuse(refusal);
      try {
        const reader = await db.runAndReadAll(sql);
        const rows = reader.getRowsJson();
        const limit = max_rows ?? 1000;
        return json({
          columns: reader
            .columnNames()
            .map((name, index) => ({ name, type: String(reader.columnTypes()[index]) })),
          rows: rows.slice(0, limit),
          total_rows: rows.length,
          truncated: rows.length > limit,
          bytes_processed: estimateBytes(sql),
          job_id: `duckdb-${executed.length}`,
        });
      } catch (error) {
        return refuse((error as Error).message);
      }
    },
  );
  return server;
}

function readOnlyRefusal(sql: string): string | null {
  return /^\s*(select|with)\b/i.test(sql) ? null : 'Only SELECT statements are allowed.';
}

function referenced(sql: string): string[] {
  return Object.keys(TABLES).filter((name) => sql.includes(name));
}

/** DuckDB reports no bytes; a stable stand-in so provenance has a number to show. */
function estimateBytes(sql: string): number {
  return referenced(sql).length * 1_288_490_189;
}
