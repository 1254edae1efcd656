/**
 * Log lines as Cloud Logging reads them: one JSON object per line with `severity` and
 * `message`, and inside a request the trace of that request
 * (`logging.googleapis.com/trace` = projects/<project>/traces/<trace id>, with the span id),
 * so an operator can open a request's logs from its trace and back. Secrets stay masked,
 * and `kotae dev` prints the same facts readably.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPinoLogger } from '../../src/app/logging/pino-logger.ts';
import { prettyLogLine } from '../../src/app/logging/pretty-log-line.ts';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { startTracing, type Tracing } from '../../src/app/telemetry/tracing.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { createScriptedHandler } from '../support/scripted-handler.ts';
import { eventually, startTestKotae } from '../support/test-kotae.ts';

describe('log lines', () => {
  const lines: string[] = [];
  let db: TestDatabase;
  let kotae: Kotae;
  let tracing: Tracing;

  beforeAll(async () => {
    tracing = startTracing({ serviceName: 'kotae-test' });
    db = await createTestDatabase('postgres');
    kotae = await startTestKotae(db, {
      handler: createScriptedHandler(),
      tracer: tracing.tracer,
      logger: createPinoLogger({
        level: 'debug',
        format: 'json',
        projectId: 'kotae-prod',
        base: { command: 'dev' },
        write: (line) => lines.push(line),
      }),
    });
  });
  afterAll(async () => {
    await kotae?.stop();
    await db?.drop();
  });

  it('are JSON with severity and message, and carry the trace of the request they belong to', async () => {
    // Cloud Run passes the caller's trace in `traceparent`; Kotae's spans continue it. (The
    // test's own fetch is instrumented too, so the call is made inside the caller's trace.)
    const traceId = randomBytes(16).toString('hex');
    const caller = { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` };
    const response = await tracing.tracer.span('caller', { parent: caller }, () =>
      fetch(`${kotae.url}/api/console/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'sales', text: '売上は？', locale: 'ja' }),
      }),
    );
    expect(response.status).toBe(202);
    const taskId = String(((await response.json()) as { taskId: string }).taskId);
    await eventually(async () => (await kotae.stores.tasks.get(taskId))?.status === 'COMPLETED');

    expect(lines.length).toBeGreaterThan(2);
    const entries = lines.map((line) => {
      expect(line.endsWith('\n')).toBe(true);
      expect(line.trim()).not.toContain('\n');
      return JSON.parse(line) as Record<string, unknown>;
    });
    for (const entry of entries) {
      expect(['DEBUG', 'INFO', 'WARNING', 'ERROR']).toContain(entry['severity']);
      expect(typeof entry['message']).toBe('string');
      expect(Date.parse(String(entry['time']))).not.toBeNaN();
      expect(entry).not.toHaveProperty('level');
      expect(entry).not.toHaveProperty('msg');
    }
    const request = entries.find(
      (entry) => entry['message'] === 'http request' && entry['route'] === '/api/console/messages',
    );
    expect(request).toMatchObject({
      severity: 'DEBUG',
      status: 202,
      'logging.googleapis.com/trace': `projects/kotae-prod/traces/${traceId}`,
      'logging.googleapis.com/trace_sampled': true,
    });
    expect(request!['logging.googleapis.com/spanId']).toMatch(/^[0-9a-f]{16}$/);
    // The worker's lines for that task continue the same trace.
    const completed = entries.find(
      (entry) => entry['message'] === 'task completed' && entry['taskId'] === taskId,
    );
    expect(completed?.['logging.googleapis.com/trace']).toBe(`projects/kotae-prod/traces/${traceId}`);
    // Outside any request (start-up), no trace is claimed.
    const started = entries.find((entry) => entry['message'] === 'kotae started');
    expect(started).toBeDefined();
    expect(started).not.toHaveProperty('logging.googleapis.com/trace');
  });

  it('masks secrets in messages and fields', () => {
    const out: string[] = [];
    const logger = createPinoLogger({ level: 'info', format: 'json', write: (line) => out.push(line) });
    logger.warn('token xoxb-1234-abcdefghijkl rejected', {
      header: 'Bearer abc.def.ghi',
      error: new Error('bad key sk-abcdefghijklmnop'),
    });
    expect(out).toHaveLength(1);
    expect(out[0]).not.toMatch(/xoxb-1234-abcdefghijkl|abc\.def\.ghi|sk-abcdefghijklmnop/);
    const entry = JSON.parse(out[0]!) as Record<string, unknown>;
    expect(entry['severity']).toBe('WARNING');
    expect(entry['message']).toBe('token xoxb…[redacted] rejected');
  });

  it('reads as time, severity, message and fields in kotae dev', () => {
    const out: string[] = [];
    const logger = createPinoLogger({ level: 'info', format: 'pretty', write: (line) => out.push(line) });
    logger.info('kotae started', { port: 8080, roles: { bot: true } });
    expect(out).toHaveLength(1);
    expect(out[0]).toMatch(
      /^\d\d:\d\d:\d\d\.\d{3} INFO {4}kotae started {2}port=8080 roles=\{"bot":true\}\n$/,
    );
    expect(prettyLogLine('not json', false)).toBe('not json\n');
  });
});
