/**
 * The bot's warehouse keeps one MCP server and client per process: ten tasks, opened at
 * once with different channel mappings, share one tool catalogue (listed once, its
 * schemas compiled once), yet each call is judged by its own task's scope. If this breaks,
 * either every task pays for building a server and listing its tools again (the CPU a
 * burst of questions stalls on), or one task's calls are judged by another task's policy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehouse, type Warehouse } from '../../src/app/warehouse.ts';
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { ChannelMappingView, TaskView } from '../../src/core/ports/task-handler.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';

let db: TestDatabase;
let warehouse: Warehouse;
const requests: string[] = [];

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  const config = loadConfig({ DUCKDB_PATH: await sharedDemoPath() });
  warehouse = await createWarehouse(config, db.prisma, silentLogger, {
    onMcpRequest: (method) => requests.push(method),
  });
});

afterAll(async () => {
  await warehouse?.close();
  await db?.drop();
});

function task(index: number, dataset: string): TaskView {
  const mapping: ChannelMappingView = {
    projectId: '',
    allowedDatasets: [dataset],
    location: null,
    maxBytesBilled: null,
  };
  return {
    id: `task-${index}`,
    kind: 'QUESTION',
    thread: { platform: 'console', workspaceId: 'w1', channelId: `c${index}`, threadId: `t${index}` },
    userId: 'u1',
    question: 'how many sales?',
    locale: 'en',
    attempt: 1,
    timeZone: 'UTC',
    workspace: { id: 'w1', model: null },
    mapping,
  };
}

describe('one warehouse catalogue per process', () => {
  it('lists the tools once over 10 tasks, and judges each call by its own task', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 10 }, async (_, index) => {
        const dataset = index % 2 === 0 ? 'retail' : 'hr';
        const connection = await warehouse.open(task(index, dataset));
        try {
          const tools = await connection.listTools();
          const result = await connection.callTool('dry_run', { sql: 'SELECT count(*) FROM retail.sales' });
          return {
            dataset,
            tools: tools.map((tool) => tool.name),
            result,
            instructions: connection.instructions,
          };
        } finally {
          await connection.close();
        }
      }),
    );
    expect(requests.filter((method) => method === 'tools/list')).toHaveLength(1);
    expect(requests.filter((method) => method === 'initialize')).toHaveLength(1);
    expect(requests.filter((method) => method === 'tools/call')).toHaveLength(10);
    for (const outcome of outcomes) {
      expect(outcome.tools).toEqual(expect.arrayContaining(['search_tables', 'dry_run', 'execute_query']));
      // The instructions name the task's own allowlist.
      expect(outcome.instructions).toContain(`Allowed datasets: ${outcome.dataset}`);
      if (outcome.dataset === 'retail') expect(outcome.result.isError).toBe(false);
      else {
        expect(outcome.result.isError).toBe(true);
        expect(outcome.result.content).toMatch(/^Refused/);
      }
    }
  });

  it('fails closed for a call whose task scope is closed', async () => {
    const connection = await warehouse.open(task(99, 'retail'));
    await connection.close();
    const result = await connection.callTool('dry_run', { sql: 'SELECT count(*) FROM retail.sales' });
    expect(result.isError).toBe(true);
    expect(result.content).toMatch(/no open task scope/);
  });
});
