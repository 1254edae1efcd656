/**
 * Starts what the suite needs once: the Pub/Sub emulator (when installed). Each test
 * file creates and drops its own PostgreSQL database, so nothing is shared but servers.
 */
import type { TestProject } from 'vitest/node';
import { startPubSubEmulator, type RunningEmulator } from './pubsub-emulator.ts';

let emulator: RunningEmulator | null = null;

export async function setup(project: TestProject): Promise<void> {
  emulator = await startPubSubEmulator();
  project.provide('pubsubEmulatorHost', emulator?.host ?? '');
}

export async function teardown(): Promise<void> {
  await emulator?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    pubsubEmulatorHost: string;
  }
}
