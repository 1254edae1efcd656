/**
 * Finds and starts the Google Cloud Pub/Sub emulator on a free loopback port.
 * The emulator ships with the Cloud SDK and needs Java; apt cannot install it on a
 * fresh machine, so when it is absent the tests that need it say so and skip.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

const CANDIDATES = [
  process.env['PUBSUB_EMULATOR_BIN'],
  '/usr/lib/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator',
  '/usr/share/google-cloud-sdk/platform/pubsub-emulator/bin/cloud-pubsub-emulator',
].filter((path): path is string => Boolean(path));

export interface RunningEmulator {
  host: string;
  stop(): Promise<void>;
}

export function findPubSubEmulator(): string | null {
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function startPubSubEmulator(): Promise<RunningEmulator | null> {
  const bin = findPubSubEmulator();
  if (!bin) {
    console.warn('[kotae tests] Pub/Sub emulator not found: Pub/Sub tests will be skipped.');
    return null;
  }
  const port = await freePort();
  const child = spawn(bin, [`--host=127.0.0.1`, `--port=${port}`], {
    // Not piped: an unread pipe fills up and stalls the emulator's logging.
    stdio: 'ignore',
    detached: true,
  });
  await waitForReady(child, port);
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        try {
          process.kill(-child.pid!, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5_000))]);
      }
      child.unref();
    },
  };
}

async function waitForReady(child: ChildProcess, port: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Pub/Sub emulator exited with code ${child.exitCode}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  throw new Error('Pub/Sub emulator did not become ready within 30 s');
}
