/**
 * Encrypts secrets (Slack tokens, provider keys) before they reach the database.
 *
 * AES-256-GCM with a fresh 96-bit IV per message and a 128-bit tag. Keys come from
 * configuration as `Record<keyId, 32-byte key>`; new data uses `activeKeyId`, and any
 * configured key still decrypts, so keys rotate by adding a new one, making it active,
 * re-encrypting (see `needsReencryption`), then removing the old one.
 *
 * Stored format (ASCII, one string, safe in a text column):
 *
 *     v1.<keyId>.<iv: base64url, 12 bytes>.<ciphertext ‖ tag: base64url>
 *
 * An optional `context` (e.g. "slack:T123:bot") is bound as GCM additional data, so a
 * ciphertext copied into another row or field fails to decrypt instead of yielding a
 * valid token for the wrong workspace.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { KotaeError } from '../core/errors.ts';

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9_-]{1,64}$/;

export interface SecretBoxOptions {
  keys: Readonly<Record<string, Uint8Array>>;
  activeKeyId: string;
}

export interface SecretBox {
  readonly activeKeyId: string;
  encrypt(plaintext: string, context?: string): string;
  decrypt(sealed: string, context?: string): string;
  /** The key id a sealed value was made with. */
  keyIdOf(sealed: string): string;
  /** True when the value was sealed with a key other than the active one. */
  needsReencryption(sealed: string): boolean;
}

export function createSecretBox(options: SecretBoxOptions): SecretBox {
  const keys = new Map<string, Buffer>();
  for (const [keyId, key] of Object.entries(options.keys)) {
    if (!KEY_ID.test(keyId))
      throw new KotaeError('secret_box.bad_key_id', `Key id "${keyId}" must match ${KEY_ID}`);
    if (key.length !== KEY_BYTES) {
      throw new KotaeError(
        'secret_box.bad_key',
        `Key "${keyId}" must be ${KEY_BYTES} bytes, got ${key.length}`,
      );
    }
    keys.set(keyId, Buffer.from(key));
  }
  if (!keys.has(options.activeKeyId)) {
    throw new KotaeError('secret_box.no_active_key', `Active key "${options.activeKeyId}" is not configured`);
  }
  const activeKeyId = options.activeKeyId;

  function keyFor(keyId: string): Buffer {
    const key = keys.get(keyId);
    if (!key)
      throw new KotaeError('secret_box.unknown_key', `No key "${keyId}" is configured to decrypt this value`);
    return key;
  }

  return {
    activeKeyId,
    encrypt(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', keyFor(activeKeyId), iv, { authTagLength: TAG_BYTES });
      if (context !== undefined) cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
      return [VERSION, activeKeyId, iv.toString('base64url'), body.toString('base64url')].join('.');
    },
    decrypt(sealed, context) {
      const { keyId, iv, body } = parse(sealed);
      if (body.length < TAG_BYTES) throw malformed();
      const decipher = createDecipheriv('aes-256-gcm', keyFor(keyId), iv, { authTagLength: TAG_BYTES });
      if (context !== undefined) decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
      try {
        return Buffer.concat([
          decipher.update(body.subarray(0, body.length - TAG_BYTES)),
          decipher.final(),
        ]).toString('utf8');
      } catch (cause) {
        throw new KotaeError(
          'secret_box.tampered',
          'Sealed value failed authentication (wrong key, context or data)',
          {
            cause,
          },
        );
      }
    },
    keyIdOf: (sealed) => parse(sealed).keyId,
    needsReencryption: (sealed) => parse(sealed).keyId !== activeKeyId,
  };
}

/** Parses a key given in configuration: 64 hex characters or base64 of 32 bytes. */
export function parseSecretKey(text: string): Uint8Array {
  const trimmed = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, 'hex')
    : Buffer.from(trimmed, 'base64');
  if (bytes.length !== KEY_BYTES) {
    throw new KotaeError('secret_box.bad_key', `An encryption key must be 32 bytes (64 hex chars or base64)`);
  }
  return new Uint8Array(bytes);
}

function parse(sealed: string): { keyId: string; iv: Buffer; body: Buffer } {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw malformed();
  const [, keyId, ivText, bodyText] = parts as [string, string, string, string];
  const iv = Buffer.from(ivText, 'base64url');
  if (iv.length !== IV_BYTES) throw malformed();
  return { keyId, iv, body: Buffer.from(bodyText, 'base64url') };
}

function malformed(): KotaeError {
  return new KotaeError('secret_box.malformed', 'Not a sealed value in the v1 format');
}
