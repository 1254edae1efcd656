/**
 * Starts what the suite needs once: the Pub/Sub emulator (when installed) and a migrated
 * PostgreSQL template database. Each test
 * file creates and drops its own PostgreSQL database, so nothing is shared but servers.
 */
import { existsSync, statSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { runPrismaCliCapture } from '../../src/store/prisma-cli.ts';
import { ensurePostgresTemplate } from './postgres-template.ts';
import { startPubSubEmulator, type RunningEmulator } from './pubsub-emulator.ts';

let emulator: RunningEmulator | null = null;

/** `npx vitest` skips scripts/run.sh, so make sure the Prisma client exists and is fresh. */
async function ensurePrismaClient(): Promise<void> {
  const client = 'src/store/generated/prisma/client.ts';
  if (existsSync(client) && statSync(client).mtimeMs >= statSync('prisma/schema.prisma').mtimeMs) return;
  const result = await runPrismaCliCapture(['generate']);
  if (result.code !== 0) throw new Error(`prisma generate failed:\n${result.output}`);
}

export async function setup(project: TestProject): Promise<void> {
  await ensurePrismaClient();
  const [template, started] = await Promise.all([ensurePostgresTemplate(), startPubSubEmulator()]);
  emulator = started;
  project.provide('pubsubEmulatorHost', emulator?.host ?? '');
  project.provide('postgresTemplate', template ?? '');
}

export async function teardown(): Promise<void> {
  await emulator?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pubsubEmulatorHost: string;
    postgresTemplate: string;
  }
}
