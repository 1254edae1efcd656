/**
 * Mappings written with `/kotae map` decide what each channel's questions may read: Kotae
 * starts from configuration (the real agent, the DuckDB demo estate, the fake OpenAI
 * server playing a scripted model that queries `hr.*` then `retail.*`), an admin maps
 * #sales to `retail` and #marketing to `hr` from the console, and the guard's verdicts
 * in the query log show each channel kept to its own data. If this breaks, #sales could
 * read HR data after an admin mapped it to retail, or one workspace's mapping would leak
 * into another's.
 */
import { dirname } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { startFakeOpenAI, type FakeOpenAI } from '../fakes/openai/server.ts';
import type { ScriptStep } from '../fakes/llm-script.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const HR_SQL = 'SELECT count(*) AS n FROM hr.staff';
const RETAIL_SQL = 'SELECT sum(amount) AS total FROM retail.sales';

let db: TestDatabase;
let fake: FakeOpenAI;
let kotae: Kotae;

/** The model's turn, from how many tool results it has seen: hr query, retail query, answer. */
const turn: ScriptStep = (request) => {
  const seen = (request.body as { messages: Array<{ role: string }> }).messages.filter(
    (m) => m.role === 'tool',
  );
  if (seen.length === 0) return { toolCalls: [{ name: 'execute_query', args: { sql: HR_SQL } }] };
  if (seen.length === 1) return { toolCalls: [{ name: 'execute_query', args: { sql: RETAIL_SQL } }] };
  return { text: 'done' };
};

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  fake = await startFakeOpenAI();
  fake.script(...Array.from({ length: 60 }, () => turn));
  kotae = await startTestKotae(db, {
    handler: null,
    env: {
      KOTAE_DATA_DIR: dirname(await sharedDemoPath()),
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-global',
      OPENAI_MODEL: 'gpt-4.1-mini',
      MAX_BYTES_BILLED: String(1024 ** 3),
    },
  });
});
afterAll(async () => {
  await kotae?.stop();
  await fake?.close();
  await db?.drop();
});

async function console(channel: string, text: string): Promise<string> {
  const { status, body } = await postQuestion(kotae, { channel, text, locale: 'en' });
  expect(status).toBe(200);
  expect(body.command).toBe(true);
  return String(body.text);
}

/** Waits for the task to finish; returns each query's verdict by dataset. */
async function verdicts(taskId: string): Promise<Record<string, string>> {
  await eventually(async () => {
    const task = await db.prisma.task.findUnique({ where: { id: taskId } });
    return task?.status === 'COMPLETED' || task?.status === 'FAILED';
  });
  const logs = await db.prisma.queryLog.findMany({ where: { taskId }, orderBy: { createdAt: 'asc' } });
  return Object.fromEntries(logs.map((log) => [log.sql.includes('hr.') ? 'hr' : 'retail', log.verdict]));
}

async function ask(channel: string): Promise<string> {
  const { status, body } = await postQuestion(kotae, { channel, text: 'How many?', locale: 'en' });
  expect(status).toBe(202);
  return String(body.taskId);
}

describe('channel mappings', () => {
  it('keep #sales to retail and #marketing to hr; another workspace sees neither', async () => {
    expect(await console('sales', '/kotae map retail')).toContain('Mapped this channel');
    expect(await console('marketing', '/kotae map hr')).toContain('Mapped this channel');
    // The commands were answered only to the sender: nothing was posted in the channels.
    expect(await db.prisma.consoleMessage.count()).toBe(0);

    expect(await verdicts(await ask('sales'))).toEqual({ hr: 'REFUSED', retail: 'EXECUTED' });
    expect(await verdicts(await ask('marketing'))).toEqual({ hr: 'EXECUTED', retail: 'REFUSED' });

    // Another workspace's #sales: the configuration's scope (the embedded demo: every
    // dataset), not the retail-only mapping of the local workspace's #sales.
    const other = await kotae.intake.submit({
      eventId: 'other-workspace-1',
      thread: { platform: 'console', workspaceId: 'other', channelId: 'sales', threadId: 'other-thread' },
      userId: 'someone',
      text: 'How many?',
      locale: 'en',
      receivedAt: new Date(),
    });
    if (other.status === 'rejected') throw new Error(other.message);
    expect(await verdicts(other.taskId)).toEqual({ hr: 'EXECUTED', retail: 'EXECUTED' });
  });

  it('enforces a cap under the global one, and refuses one above it at `map`', async () => {
    expect(await console('general', '/kotae map retail max-bytes=2GB')).toContain('above the server cap');
    expect(await db.prisma.channelMapping.count({ where: { channelId: 'general' } })).toBe(0);
    expect(await console('general', '/kotae map hr retail max-bytes=1B')).toContain('Mapped this channel');
    const taskId = await ask('general');
    // The retail scan is over a 1-byte cap (the tiny hr count may fit it); without the
    // mapping's cap the same query runs, as it did in #sales above.
    expect((await verdicts(taskId)).retail).toBe('REFUSED');
    const refused = await db.prisma.queryLog.findFirstOrThrow({
      where: { taskId, sql: { contains: 'retail.' } },
    });
    expect(refused.reason).toMatch(/cap/i);
  });
});
