import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGoogleIdTokenVerifier, bearerToken } from '../../src/bot/google-id-token-verifier.ts';
import { startFakeGoogleCerts, type FakeGoogleCerts } from '../fakes/gchat/fake-google-certs.ts';
import { createGoogleSigner } from '../fakes/gchat/google-signer.ts';

// If this broke, anyone on the internet could post a forged Pub/Sub push or digest tick
// (spending LLM tokens and warehouse bytes), or a real one from Google would be refused.
const AUDIENCE = 'https://kotae-worker.example.run.app/pubsub/push/tasks';
const PUSHER = 'pubsub-push@kotae-prod.iam.gserviceaccount.com';

const google = createGoogleSigner();
const attacker = createGoogleSigner();
let certs: FakeGoogleCerts;

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  return {
    iss: 'https://accounts.google.com',
    aud: AUDIENCE,
    sub: '1234567890',
    email: PUSHER,
    email_verified: true,
    iat,
    exp: iat + 3600,
    ...overrides,
  };
}

beforeAll(async () => {
  certs = await startFakeGoogleCerts(google);
});
afterAll(() => certs.close());

describe('createGoogleIdTokenVerifier', () => {
  const verifier = () =>
    createGoogleIdTokenVerifier({ audience: AUDIENCE, expectedEmail: PUSHER, certsUrl: certs.oauthCertsUrl });

  it('accepts a token Google signed for this audience and service account', async () => {
    expect(await verifier().verify(google.sign(claims()))).toEqual({
      ok: true,
      email: PUSHER,
      subject: '1234567890',
    });
  });

  it.each([
    ['another audience', () => google.sign(claims({ aud: 'https://elsewhere.example/push' }))],
    ['another issuer', () => google.sign(claims({ iss: 'https://evil.example' }))],
    ['an expired token', () => google.sign(claims({ iat: 1_700_000_000, exp: 1_700_003_600 }))],
    ['a key Google never published', () => attacker.sign(claims(), { kid: google.kid })],
    ['an unsigned token', () => `${google.sign(claims()).split('.').slice(0, 2).join('.')}.`],
    ['garbage', () => 'not-a-jwt'],
  ])('refuses %s', async (_name, token) => {
    expect(await verifier().verify(token())).toEqual({ ok: false, reason: 'invalid' });
  });

  it.each([
    ['another service account', { email: 'someone@kotae-prod.iam.gserviceaccount.com' }],
    ['an unverified email', { email_verified: false }],
    ['no email', { email: undefined }],
  ])('refuses %s', async (_name, overrides) => {
    expect(await verifier().verify(google.sign(claims(overrides)))).toEqual({ ok: false, reason: 'email' });
  });

  it('refuses a missing token, and unreachable keys fail closed', async () => {
    expect(await verifier().verify(undefined)).toEqual({ ok: false, reason: 'missing' });
    const offline = createGoogleIdTokenVerifier({ audience: AUDIENCE, certsUrl: 'http://127.0.0.1:9/certs' });
    expect(await offline.verify(google.sign(claims()))).toEqual({ ok: false, reason: 'keys_unavailable' });
  });

  it('fetches keys again once when Google rotates to a new key, and caches them otherwise', async () => {
    const check = verifier();
    const before = certs.fetches;
    await check.verify(google.sign(claims()));
    await check.verify(google.sign(claims()));
    expect(certs.fetches - before).toBe(1);
    const rotated = createGoogleSigner();
    certs.publish(google, rotated);
    expect((await check.verify(rotated.sign(claims()))).ok).toBe(true);
    expect(certs.fetches - before).toBe(2);
  });

  it('reads the bearer token of an Authorization header', () => {
    expect(bearerToken('Bearer abc.def.ghi')).toBe('abc.def.ghi');
    expect(bearerToken('Basic abc')).toBeUndefined();
    expect(bearerToken(undefined)).toBeUndefined();
  });
});
