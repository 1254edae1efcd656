/**
 * If this breaks, Slack tokens and provider keys are readable by anyone with a database
 * dump, a tampered row yields a usable token, or rotating the key locks everyone out.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createSecretBox, parseSecretKey } from '../../src/store/secret-box.ts';

const k1 = new Uint8Array(randomBytes(32));
const k2 = new Uint8Array(randomBytes(32));

describe('secret box', () => {
  it('round-trips text and never shows the plaintext in the sealed form', () => {
    const box = createSecretBox({ keys: { k1 }, activeKeyId: 'k1' });
    const token = 'xoxb-123-456-secretsecret';
    const sealed = box.encrypt(token, 'slack:T1::bot');
    expect(sealed).not.toContain('secretsecret');
    expect(sealed.startsWith('v1.k1.')).toBe(true);
    expect(box.decrypt(sealed, 'slack:T1::bot')).toBe(token);
    // A fresh IV each time: the same token never seals to the same text.
    expect(box.encrypt(token, 'slack:T1::bot')).not.toBe(sealed);
  });

  it('refuses a value moved to another context or altered by one character', () => {
    const box = createSecretBox({ keys: { k1 }, activeKeyId: 'k1' });
    const sealed = box.encrypt('xoxb-abc', 'slack:T1::bot');
    expect(() => box.decrypt(sealed, 'slack:T2::bot')).toThrow(/authentication/);
    const last = sealed.at(-2) === 'A' ? 'B' : 'A';
    expect(() => box.decrypt(`${sealed.slice(0, -2)}${last}${sealed.at(-1)}`, 'slack:T1::bot')).toThrow();
    expect(() => box.decrypt('not-sealed')).toThrow(/v1 format/);
  });

  it('rotates: old values still open with the old key, new ones use the new key', () => {
    const before = createSecretBox({ keys: { k1 }, activeKeyId: 'k1' });
    const old = before.encrypt('xoxb-old');
    const after = createSecretBox({ keys: { k1, k2 }, activeKeyId: 'k2' });
    expect(after.decrypt(old)).toBe('xoxb-old');
    expect(after.needsReencryption(old)).toBe(true);
    expect(after.keyIdOf(after.encrypt('xoxb-new'))).toBe('k2');
    const withoutOld = createSecretBox({ keys: { k2 }, activeKeyId: 'k2' });
    expect(() => withoutOld.decrypt(old)).toThrow(/No key "k1"/);
  });

  it('rejects keys of the wrong size and parses hex or base64 keys', () => {
    expect(() => createSecretBox({ keys: { short: new Uint8Array(16) }, activeKeyId: 'short' })).toThrow(
      /32 bytes/,
    );
    expect(() => createSecretBox({ keys: { k1 }, activeKeyId: 'k9' })).toThrow(/not configured/);
    const hex = Buffer.from(k1).toString('hex');
    expect(parseSecretKey(hex)).toEqual(k1);
    expect(parseSecretKey(Buffer.from(k1).toString('base64'))).toEqual(k1);
    expect(() => parseSecretKey('abc')).toThrow(/32 bytes/);
  });
});
