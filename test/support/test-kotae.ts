/**
 * Starts the real composition root (startKotae) against a test database, with a test
 * handler in place of the agent, and gives tests the console API and the database.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import type { Clock } from '../../src/core/clock.ts';
import { silentLogger, type Logger } from '../../src/core/logger.ts';
import type { TaskHandler } from '../../src/core/ports/task-handler.ts';
import type { Tracer } from '../../src/core/ports/tracer.ts';
import { startKotae, type Kotae, type KotaeRoles } from '../../src/app/start-kotae.ts';
import type { TestDatabase } from './database.ts';

export interface TestKotaeOptions {
  handler?: TaskHandler | null;
  roles?: KotaeRoles;
  env?: Record<string, string>;
  logger?: Logger;
  /** `configured`: the console as `kotae bot` serves it (behind IAP, or absent). */
  console?: 'open' | 'configured';
  tracer?: Tracer;
  /** The clock every part of Kotae reads (a manual one moves time for schedules). */
  clock?: Clock;
}

export async function startTestKotae(db: TestDatabase, options: TestKotaeOptions = {}): Promise<Kotae> {
  const config = loadConfig({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: String(db.poolSize),
    PORT: '0',
    KOTAE_DATA_DIR: mkdtempSync(join(tmpdir(), 'kotae-test-')),
    CHART_URL_SECRET: 'test-chart-secret-0123456789abcdef',
    KOTAE_ENCRYPTION_KEYS: `test:${Buffer.alloc(32, 7).toString('base64')}`,
    // Building the webfont takes tens of seconds of CPU; only the font test turns it on.
    KOTAE_CONSOLE_FONT: 'off',
    ...options.env,
  });
  return await startKotae(config, {
    roles: options.roles ?? { bot: true, worker: true },
    migrate: false,
    logger: options.logger ?? silentLogger,
    console: options.console ?? 'open',
    ...(options.tracer ? { tracer: options.tracer } : {}),
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.handler === null ? {} : { questionHandler: async () => options.handler ?? null }),
  });
}

export async function postQuestion(
  kotae: Kotae,
  body: Record<string, unknown>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${kotae.url}/api/console/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Polls until `check` returns a value (not undefined/false), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value as T;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`condition not met within ${timeoutMs} ms${last ? `: ${String(last)}` : ''}`);
}
