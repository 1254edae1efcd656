/**
 * A task's placeholder in the console, posted twice under its idempotency key — as when a
 * process posts it and dies before recording it, and the next worker posts again — is one
 * message. If this breaks, a thread keeps an orphan "Working on it…" beside its answer
 * after a crash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChartUrlSigner } from '../../../src/bot/charts/chart-url-signer.ts';
import { createConsoleHub } from '../../../src/bot/console/console-hub.ts';
import { createConsolePlatform } from '../../../src/bot/console/console-platform.ts';
import { systemClock } from '../../../src/core/clock.ts';
import { placeholderKey } from '../../../src/core/ports/chat-platform.ts';
import { toConsoleHtml } from '../../../src/render/console-html.ts';
import { createChartImageStore } from '../../../src/store/chart-image-store.ts';
import { createConsoleMessageStore } from '../../../src/store/console-message-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
});
afterAll(() => db?.drop());

/** A console platform as one process has it (each process its own). */
function platform() {
  return createConsolePlatform({
    messages: createConsoleMessageStore(db.prisma),
    charts: createChartImageStore(db.prisma),
    signer: createChartUrlSigner({ secret: 'x'.repeat(32), publicBaseUrl: 'http://127.0.0.1' }),
    hub: createConsoleHub(),
    render: toConsoleHtml,
    clock: systemClock,
    chartTtlMs: 60_000,
  });
}

const thread = { platform: 'console' as const, workspaceId: 'local', channelId: 'general', threadId: 't-1' };
const status = { kind: 'status' as const, text: 'Working on it…', steps: [] };

describe('the console placeholder', () => {
  it('is one message however many processes post it under the task’s key', async () => {
    const first = await platform().post(thread, status, { idempotencyKey: placeholderKey('task-1') });
    const [second, third] = await Promise.all([
      platform().post(thread, status, { idempotencyKey: placeholderKey('task-1') }),
      platform().post(thread, status, { idempotencyKey: placeholderKey('task-1') }),
    ]);
    expect(second.messageId).toBe(first.messageId);
    expect(third.messageId).toBe(first.messageId);
    expect(await db.prisma.consoleMessage.count({ where: { threadId: 't-1' } })).toBe(1);
  });

  it('keeps unkeyed posts and other tasks’ placeholders apart', async () => {
    const a = await platform().post(thread, status, { idempotencyKey: placeholderKey('task-2') });
    const b = await platform().post(thread, status, { idempotencyKey: placeholderKey('task-3') });
    const c = await platform().post(thread, status);
    const d = await platform().post(thread, status);
    expect(new Set([a.messageId, b.messageId, c.messageId, d.messageId]).size).toBe(4);
  });
});
