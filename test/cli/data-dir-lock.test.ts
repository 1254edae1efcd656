/**
 * The embedded database is one process's at a time. If this broke, a `kotae migrate` (or a
 * second `kotae dev`) beside a live `kotae dev` would open the same PGlite files and lose
 * writes, as it once lost a migration; here the second process exits with one clear line.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/test-kotae.ts';

const BIN = join(import.meta.dirname, '../../bin/kotae.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'kotae-lock-'));
const cwd = mkdtempSync(join(tmpdir(), 'kotae-lock-cwd-'));
const env = {
  ...process.env,
  KOTAE_DATA_DIR: dataDir,
  PORT: '0',
  DATABASE_URL: '',
  KOTAE_QUEUE: '',
  PUBSUB_PROJECT_ID: '',
  OPENAI_API_KEY: '',
  OPENAI_BASE_URL: '',
  GEMINI_API_KEY: '',
};

function kotae(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

describe('embedded database lock', () => {
  let first: ChildProcess | null = null;
  afterAll(() => {
    first?.kill('SIGKILL');
  });

  it('refuses a second kotae dev and a kotae migrate on a directory in use, with one line', async () => {
    first = spawn(process.execPath, [BIN, 'dev'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    first.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    first.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => output.includes('Kotae is ready'), 120_000);

    for (const command of ['dev', 'migrate']) {
      const second = kotae(command);
      expect(second.status, `${command}: ${second.stderr}`).toBe(1);
      const lines = second.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(
        new RegExp(
          `^kotae: the embedded database .*pglite is in use by another Kotae process \\(pid ${first.pid}\\)`,
        ),
      );
    }

    // Once the first stops, the directory is free again.
    first.kill('SIGTERM');
    await new Promise((resolve) => first!.once('exit', resolve));
    const migrate = kotae('migrate');
    expect(migrate.status, migrate.stderr).toBe(0);
  }, 240_000);

  it('takes over the lock of a process that died without releasing it', async () => {
    const doomed = spawn(process.execPath, [BIN, 'dev'], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    doomed.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually(async () => output.includes('Kotae is ready'), 120_000);
    doomed.kill('SIGKILL');
    await new Promise((resolve) => doomed.once('exit', resolve));
    const migrate = kotae('migrate');
    expect(migrate.status, migrate.stderr).toBe(0);
  }, 240_000);
});
