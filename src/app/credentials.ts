/**
 * The workspace key store, when this deployment can seal keys: the embedded default makes
 * its own key; with DATABASE_URL, KOTAE_ENCRYPTION_KEYS must be set. Without it, null: the
 * `keys` verb says what to set, and every model call uses the global keys.
 */
import type { Config } from '../config/config.ts';
import { createCredentialStore, type CredentialStore } from '../store/credential-store.ts';
import type { Database } from '../store/prisma-client.ts';
import { createSecretBox } from '../store/secret-box.ts';
import { encryptionKeys } from './local-secrets.ts';

export function credentialStoreFor(config: Config, db: Database): CredentialStore | null {
  if (config.databaseUrl && !config.env.KOTAE_ENCRYPTION_KEYS) return null;
  return createCredentialStore(db, createSecretBox(encryptionKeys(config)));
}
