/**
 * The bot's warehouse, built from real configuration over the demo estate, with a task
 * whose channel mapping sets a byte cap. If this breaks, an admin who maps a channel with
 * `max-bytes` above the operator's cap would let that channel's queries scan (and bill)
 * more than the operator allowed, or a lowered cap would not be enforced by the guard.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWarehouse, type Warehouse } from '../../src/app/warehouse.ts';
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { ChannelMappingView, TaskView } from '../../src/core/ports/task-handler.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';

// `retail.sales` joined to a large range is estimated at 7.3 TB by the DuckDB analyser.
const HUGE = 'SELECT count(*) FROM retail.sales, range(1000000000000) AS r(i)';
const GLOBAL_CAP = 1024 ** 3;

let db: TestDatabase;
let warehouse: Warehouse;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  const config = loadConfig({ DUCKDB_PATH: await sharedDemoPath(), MAX_BYTES_BILLED: String(GLOBAL_CAP) });
  warehouse = await createWarehouse(config, db.prisma, silentLogger);
});

afterAll(async () => {
  await warehouse?.close();
  await db?.drop();
});

function task(mapping: ChannelMappingView | null): TaskView {
  return {
    id: 'task-scope',
    kind: 'QUESTION',
    thread: { platform: 'console', workspaceId: 'w1', channelId: 'c1', threadId: 't1' },
    userId: 'u1',
    question: 'how big?',
    locale: 'en',
    attempt: 1,
    timeZone: 'UTC',
    workspace: { id: 'w1', model: null },
    mapping,
  };
}

async function dryRun(mapping: ChannelMappingView | null, sql: string) {
  const connection = await warehouse.open(task(mapping));
  try {
    return await connection.callTool('dry_run', { sql });
  } finally {
    await connection.close();
  }
}

describe('the byte cap a mapping sets', () => {
  it('cannot raise the global cap: the guard still refuses at the global cap', async () => {
    const result = await dryRun(
      { projectId: '', allowedDatasets: ['retail'], location: null, maxBytesBilled: 1e15 },
      HUGE,
    );
    expect(result.content).toMatch(/over the cap of 1 GB \(1073741824 bytes\)/);
  });

  it('lowers the cap: the guard refuses a query the global cap would allow', async () => {
    const small = 'SELECT * FROM retail.sales';
    const unmapped = await dryRun(
      { projectId: '', allowedDatasets: ['retail'], location: null, maxBytesBilled: null },
      small,
    );
    expect(unmapped.content).not.toMatch(/over the cap/);
    const capped = await dryRun(
      { projectId: '', allowedDatasets: ['retail'], location: null, maxBytesBilled: 1 },
      small,
    );
    expect(capped.content).toMatch(/over the cap of 1 B \(1 bytes\)/);
  });

  it('keeps the channel to its mapped datasets', async () => {
    const result = await dryRun(
      { projectId: '', allowedDatasets: ['retail'], location: null, maxBytesBilled: null },
      'SELECT * FROM hr.staff',
    );
    expect(result.content).toMatch(/^Refused/);
    expect(result.content).toContain('(retail)');
  });
});
