/**
 * Slack's 3 s, measured from when a request arrives, and connections the server gives up
 * on. If these break: on a busy event loop Slack hears nothing in time (it retries, then
 * shows the user an error) although the 503 fallback exists; or a keep-alive client's next
 * request after a 413 dies with ECONNRESET on the connection the server abandoned.
 */
import { Agent, request as httpRequest } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpServer, type HttpServer } from '../../../src/bot/http/http-server.ts';
import { MAX_BODY_BYTES } from '../../../src/bot/http/http-io.ts';
import { createSlackDispatcher } from '../../../src/bot/slack/dispatcher.ts';
import { createSlackEventsRoute } from '../../../src/bot/slack/slack-routes.ts';
import { systemTimers, type Timers } from '../../../src/core/timers.ts';
import { signSlackRequest } from '../../../src/bot/slack/slack-verify.ts';
import { systemClock } from '../../../src/core/clock.ts';
import { silentLogger } from '../../../src/core/logger.ts';

const SECRET = 'test-signing-secret';
const BLOCK_MS = 1_500;
let server: HttpServer | null = null;

afterEach(async () => {
  await server?.close();
  server = null;
});

async function start(processEvent: () => Promise<void>, timers: Timers = systemTimers) {
  const dispatcher = createSlackDispatcher({
    processEvent,
    clock: systemClock,
    timers,
    logger: silentLogger,
  });
  server = createHttpServer(
    [createSlackEventsRoute({ signingSecret: SECRET, dispatcher, clock: systemClock, logger: silentLogger })],
    silentLogger,
    { defaultLocale: 'ja' },
  );
  const { port } = await server.listen(0, '127.0.0.1');
  return port;
}

function signed(body: string): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    'content-type': 'application/json',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': signSlackRequest(SECRET, timestamp, body),
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  reusedSocket: boolean;
}

/** One POST through `agent`; a write error after the answer came (the server closed) is ignored. */
function post(port: number, agent: Agent, body: string | Buffer, headers: Record<string, string>) {
  return new Promise<Answer>((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port, path: '/slack/events', method: 'POST', agent, headers },
      (response) => {
        response.resume();
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            reusedSocket: req.reusedSocket,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const event = JSON.stringify({ type: 'event_callback', event_id: 'Ev1', event: { type: 'app_mention' } });

describe('the ack deadline', () => {
  it('counts from arrival: with the event loop blocked after a request arrives, Slack still hears in time', async () => {
    const waits: number[] = [];
    const recording: Timers = {
      setTimeout: (callback, ms) => {
        waits.push(ms);
        return systemTimers.setTimeout(callback, ms);
      },
      clearTimeout: systemTimers.clearTimeout,
    };
    // Storing never finishes, so only the fallback can answer.
    const port = await start(() => new Promise<void>(() => {}), recording);
    server!.server.on('request', () => {
      const until = Date.now() + BLOCK_MS;
      while (Date.now() < until) {
        // The event loop is busy with something else right after the request arrived.
      }
    });
    const agent = new Agent({ keepAlive: true });
    const sent = Date.now();
    const answer = await post(port, agent, event, signed(event));
    const elapsed = Date.now() - sent;
    agent.destroy();
    expect(answer.status).toBe(503);
    // The blocked time counted against the 2.5 s: the fallback was set for what was left.
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeLessThanOrEqual(2_500 - BLOCK_MS);
    expect(elapsed).toBeLessThan(3_000);
  });
});

describe('a 413', () => {
  it.each([
    ['declared by Content-Length', true],
    ['found while reading a chunked body', false],
  ])(
    '%s closes the connection, and the keep-alive client’s next request succeeds',
    async (_name, declared) => {
      const port = await start(async () => {});
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      try {
        const warmup = await post(port, agent, event, signed(event));
        expect(warmup.status).toBe(200);
        const oversize = Buffer.alloc(MAX_BODY_BYTES + 64 * 1024, 'x');
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (!declared) headers['transfer-encoding'] = 'chunked';
        const refused = await post(port, agent, oversize, headers);
        expect(refused.status).toBe(413);
        expect(refused.headers.connection).toBe('close');
        const next = await post(port, agent, event, signed(event));
        expect(next.status).toBe(200);
        expect(next.reusedSocket).toBe(false);
      } finally {
        agent.destroy();
      }
    },
  );
});
