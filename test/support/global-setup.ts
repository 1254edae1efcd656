/**
 * Starts what the suite needs once: the Pub/Sub emulator (when installed) and a migrated
 * PostgreSQL template database. Each test
 * file creates and drops its own PostgreSQL database, so nothing is shared but servers.
 */
import type { TestProject } from 'vitest/node';
import { ensurePostgresTemplate } from './postgres-template.ts';
import { startPubSubEmulator, type RunningEmulator } from './pubsub-emulator.ts';

let emulator: RunningEmulator | null = null;

export async function setup(project: TestProject): Promise<void> {
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
