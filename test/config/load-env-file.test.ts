import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnvFile } from '../../src/config/load-env-file.ts';

// If this broke, the SLACK_BOT_TOKEN an operator put in .env (as docs/slack.md says) would be
// ignored, or a .env left in a directory would override the real deployment's variables.
describe('loadEnvFile', () => {
  const dirs: string[] = [];
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
  const envFile = (text: string) => {
    const dir = mkdtempSync(join(tmpdir(), 'kotae-env-'));
    dirs.push(dir);
    writeFileSync(join(dir, '.env'), text);
    return join(dir, '.env');
  };

  it('sets the variables the environment lacks and leaves set ones alone', () => {
    const env: Record<string, string | undefined> = { PORT: '9000' };
    const path = envFile('# comment\nSLACK_BOT_TOKEN=xoxb-1\nPORT=8080\nQUOTED="a b"\n');
    expect(loadEnvFile(path, env).sort()).toEqual(['QUOTED', 'SLACK_BOT_TOKEN']);
    expect(env).toEqual({ PORT: '9000', SLACK_BOT_TOKEN: 'xoxb-1', QUOTED: 'a b' });
  });

  it('does nothing when there is no .env', () => {
    const env: Record<string, string | undefined> = {};
    expect(loadEnvFile(join(tmpdir(), 'kotae-missing-dir', '.env'), env)).toEqual([]);
    expect(env).toEqual({});
  });
});
