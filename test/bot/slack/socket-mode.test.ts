/**
 * Socket Mode, for teams behind a firewall: the same app, fed over a WebSocket the app
 * opens instead of public HTTP. If this breaks, a firewalled team's questions are never
 * received, are received twice after a reconnect, or are acked before they are stored.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startFakeSlack, type FakeSlack } from '../../fakes/slack/fake-slack.ts';
import { startFakeSocketMode, type FakeSocketMode } from '../../fakes/slack/socket-mode-server.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { createManualTimers } from '../../support/manual-timers.ts';
import { fixture, startSlackHarness, type SlackHarness } from '../../support/slack-harness.ts';

let db: TestDatabase;
let fake: FakeSlack;
let socket: FakeSocketMode;
let slack: SlackHarness;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  await db.prisma.task.deleteMany();
  const timers = createManualTimers();
  fake = await startFakeSlack({ clock: timers.clock });
  socket = await startFakeSocketMode(fake);
  slack = await startSlackHarness({
    prisma: db.prisma,
    fake,
    timers,
    overrides: { transport: { kind: 'socket', appToken: socket.appToken } },
  });
});
afterEach(async () => {
  await slack.close();
  await socket.close();
  await fake.close();
});

describe('Socket Mode', () => {
  it('connects with the app-level token and mounts no public event route', async () => {
    expect(socket.connected()).toBe(true);
    expect(fake.calls('apps.connections.open')[0]!.token).toBe(socket.appToken);
    expect(slack.app.routes).toHaveLength(0);
  });

  it('stores the question, then acks the envelope, then posts the placeholder; a redelivery changes nothing', async () => {
    const event = fixture('app_mention');
    const ack = await socket.push('events_api', event);
    expect(ack).not.toBeNull();
    expect(await db.prisma.task.count()).toBe(1);
    await vi.waitFor(() => expect(fake.messages('C123ABC456')).toHaveLength(1));

    const again = await socket.push('events_api', event, { retryAttempt: 1, retryReason: 'timeout' });
    expect(again).not.toBeNull();
    expect(await db.prisma.task.count()).toBe(1);
  });

  it('answers /kotae in the ack payload', async () => {
    const ack = await socket.push('slash_commands', {
      ...fixture<Record<string, string>>('slash_command'),
      text: 'help',
    });
    expect(ack?.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(String(ack?.payload?.text)).toContain('/kotae ask');
  });

  it('does not ack an event it could not store, so Slack delivers it again', async () => {
    const broken = await startSlackHarness({
      prisma: db.prisma,
      fake,
      overrides: {
        transport: { kind: 'socket', appToken: socket.appToken },
        intake: {
          submit: async () => {
            throw new Error('database unavailable');
          },
          postPlaceholder: async () => {},
        },
      },
    });
    await slack.close(); // only the broken app is connected now
    try {
      expect(await socket.push('events_api', fixture('app_mention'), { waitMs: 1500 })).toBeNull();
    } finally {
      await broken.close();
    }
  });
});
