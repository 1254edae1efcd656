/**
 * Secrets for the embedded default, made once and kept under the data directory, so a
 * newcomer needs no configuration. Production must configure its own: with DATABASE_URL
 * set, a missing secret stops start-up.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import { ConfigError } from '../config/config.ts';

interface LocalSecrets {
  chartUrlSecret: string;
  encryptionKey: string;
}

function loadOrCreate(dataDir: string): LocalSecrets {
  const path = join(dataDir, 'local-secrets.json');
  if (existsSync(path)) return JSON.parse(readFileSync(path, 'utf8')) as LocalSecrets;
  mkdirSync(dataDir, { recursive: true });
  const secrets = {
    chartUrlSecret: randomBytes(32).toString('base64url'),
    encryptionKey: randomBytes(32).toString('base64'),
  };
  writeFileSync(path, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}

export function chartUrlSecret(config: Config): string {
  if (config.env.CHART_URL_SECRET) return config.env.CHART_URL_SECRET;
  if (config.databaseUrl) throw new ConfigError('CHART_URL_SECRET is required when DATABASE_URL is set');
  return loadOrCreate(config.dataDir).chartUrlSecret;
}

/** "keyId:base64key[,keyId:base64key…]" and the active key id, or the local key. */
export function encryptionKeys(config: Config): { keys: Record<string, Buffer>; activeKeyId: string } {
  const raw = config.env.KOTAE_ENCRYPTION_KEYS;
  if (!raw) {
    if (config.databaseUrl)
      throw new ConfigError('KOTAE_ENCRYPTION_KEYS is required when DATABASE_URL is set');
    return {
      keys: { local: Buffer.from(loadOrCreate(config.dataDir).encryptionKey, 'base64') },
      activeKeyId: 'local',
    };
  }
  const keys: Record<string, Buffer> = {};
  for (const entry of raw.split(',')) {
    const [id, value] = entry.split(':');
    const key = Buffer.from(value ?? '', 'base64');
    if (!id || key.length !== 32)
      throw new ConfigError('KOTAE_ENCRYPTION_KEYS must be keyId:base64(32 bytes)[,…]');
    keys[id.trim()] = key;
  }
  const activeKeyId = config.env.KOTAE_ENCRYPTION_KEY_ID ?? Object.keys(keys)[0]!;
  if (!keys[activeKeyId])
    throw new ConfigError(`KOTAE_ENCRYPTION_KEY_ID names no key in KOTAE_ENCRYPTION_KEYS`);
  return { keys, activeKeyId };
}
