/**
 * Loads `.env` into the environment when the file exists, as docs/slack.md promises.
 * Variables already set win: an operator's environment is never overridden by a file.
 */
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

/** Returns the names it set (never the values: they are often secrets). */
export function loadEnvFile(path: string, env: Record<string, string | undefined> = process.env): string[] {
  if (!existsSync(path)) return [];
  const parsed = parseEnv(readFileSync(path, 'utf8'));
  const loaded: string[] = [];
  for (const [name, value] of Object.entries(parsed)) {
    if (env[name] !== undefined) continue;
    env[name] = value;
    loaded.push(name);
  }
  return loaded;
}
