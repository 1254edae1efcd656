/**
 * Google Chat's bearer tokens, checked in both audience modes. If this broke, anyone on
 * the internet could post fake "questions" as any user (and run warehouse queries on the
 * company's bill), or real Chat events would be refused and Kotae would go silent.
 */
import { createHmac } from 'node:crypto';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChatTokenVerifier } from '../../../src/bot/gchat/gchat-token-verifier.ts';
import {
  toPemCertificates,
  verifyChatToken,
  type ChatAudience,
} from '../../../src/bot/gchat/gchat-verify.ts';
import { createManualClock } from '../../../src/core/clock.ts';
import { startFakeGoogleCerts, type FakeGoogleCerts } from '../../fakes/gchat/fake-google-certs.ts';
import {
  createGoogleSigner,
  endpointUrlClaims,
  projectNumberClaims,
  type GoogleSigner,
} from '../../fakes/gchat/google-signer.ts';

const PROJECT: ChatAudience = { mode: 'project-number', projectNumber: '123456789012' };
const ENDPOINT: ChatAudience = { mode: 'endpoint-url', url: 'https://kotae.example.com/gchat/events' };
const NOW = new Date('2026-03-02T00:00:00Z');

// google-auth-library checks token times against the system clock: the tests set it.
beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: NOW }));
afterEach(() => vi.useRealTimers());

describe('verifyChatToken', () => {
  const google = createGoogleSigner();
  const certs = toPemCertificates(google.x509Map());
  const check = (token: string | null, audience: ChatAudience = PROJECT, now = NOW) => {
    vi.setSystemTime(now);
    return verifyChatToken(token, { audience, certs });
  };

  it('accepts a project-number JWT from chat@system.gserviceaccount.com', async () => {
    expect(await check(google.sign(projectNumberClaims('123456789012', NOW)))).toMatchObject({ ok: true });
  });

  it('accepts an endpoint-URL ID token, with keys in JWKS form too', async () => {
    const token = google.sign(endpointUrlClaims(ENDPOINT.mode === 'endpoint-url' ? ENDPOINT.url : '', NOW));
    expect(await check(token, ENDPOINT)).toMatchObject({ ok: true });
    expect(
      await verifyChatToken(token, { audience: ENDPOINT, certs: toPemCertificates(google.jwks()) }),
    ).toMatchObject({ ok: true });
  });

  it.each([
    ['wrong audience', { aud: '999999999999' }, 'audience'],
    ['wrong issuer', { iss: 'someone@example.iam.gserviceaccount.com' }, 'issuer'],
    ['an ID token sent to a project-number app', { iss: 'https://accounts.google.com' }, 'issuer'],
  ])('refuses %s', async (_label, override, reason) => {
    const token = google.sign({ ...projectNumberClaims('123456789012', NOW), ...override });
    expect(await check(token)).toEqual({ ok: false, reason });
  });

  it('refuses an endpoint-URL token for another URL, or not from the Chat service account', async () => {
    const claims = endpointUrlClaims('https://kotae.example.com/gchat/events', NOW);
    expect(
      await check(google.sign({ ...claims, aud: 'https://evil.example.com/gchat/events' }), ENDPOINT),
    ).toEqual({
      ok: false,
      reason: 'audience',
    });
    expect(await check(google.sign({ ...claims, email: 'attacker@gmail.com' }), ENDPOINT)).toEqual({
      ok: false,
      reason: 'email',
    });
    expect(await check(google.sign({ ...claims, email_verified: false }), ENDPOINT)).toEqual({
      ok: false,
      reason: 'email',
    });
  });

  it('refuses an expired token (beyond the allowed clock skew) and one from the future', async () => {
    const token = google.sign(projectNumberClaims('123456789012', NOW));
    expect(await check(token, PROJECT, new Date(NOW.getTime() + 3600_000 + 299_000))).toMatchObject({
      ok: true,
    });
    expect(await check(token, PROJECT, new Date(NOW.getTime() + 3600_000 + 301_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await check(token, PROJECT, new Date(NOW.getTime() - 301_000))).toEqual({
      ok: false,
      reason: 'not_yet_valid',
    });
  });

  it('refuses unsigned tokens: alg none, an empty signature, a forged HS256', async () => {
    const good = google.sign(projectNumberClaims('123456789012', NOW));
    const [header, payload] = good.split('.') as [string, string, string];
    const none = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
    expect(await check(`${none}.${payload}.`)).toEqual({ ok: false, reason: 'algorithm' });
    expect(await check(`${header}.${payload}.`)).toEqual({ ok: false, reason: 'signature' });
    // The classic confusion attack: HMAC-sign with the public certificate as the secret.
    const hs = Buffer.from(JSON.stringify({ alg: 'HS256', kid: google.kid })).toString('base64url');
    const mac = createHmac('sha256', google.x509Map()[google.kid]!)
      .update(`${hs}.${payload}`)
      .digest('base64url');
    expect(await check(`${hs}.${payload}.${mac}`)).toEqual({ ok: false, reason: 'algorithm' });
  });

  it('refuses a token whose claims were changed after signing, or signed by another key', async () => {
    const [header, , signature] = google.sign(projectNumberClaims('123456789012', NOW)).split('.');
    const other = Buffer.from(
      JSON.stringify(projectNumberClaims('123456789012', new Date(NOW.getTime() + 1000))),
    ).toString('base64url');
    expect(await check(`${header}.${other}.${signature}`)).toEqual({ ok: false, reason: 'signature' });
    const stranger = createGoogleSigner();
    expect(await check(stranger.sign(projectNumberClaims('123456789012', NOW)))).toEqual({
      ok: false,
      reason: 'unknown_key',
    });
    expect(await check(stranger.sign(projectNumberClaims('123456789012', NOW), { kid: google.kid }))).toEqual(
      {
        ok: false,
        reason: 'signature',
      },
    );
  });

  it('refuses a missing or malformed token', async () => {
    expect(await check(null)).toEqual({ ok: false, reason: 'missing' });
    expect(await check('not-a-jwt')).toEqual({ ok: false, reason: 'malformed' });
    expect(await check('a.b.c')).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('Chat token verifier with Google’s certificate endpoint', () => {
  let certs: FakeGoogleCerts;
  let google: GoogleSigner;

  beforeAll(async () => {
    google = createGoogleSigner();
    certs = await startFakeGoogleCerts(google);
  });
  afterAll(async () => {
    await certs?.close();
  });

  it('fetches certificates once and keeps them for Cache-Control max-age', async () => {
    const clock = createManualClock(NOW);
    const verifier = createChatTokenVerifier({
      audience: PROJECT,
      clock,
      certificatesUrl: certs.chatCertsUrl,
    });
    const before = certs.fetches;
    const bearer = () => `Bearer ${google.sign(projectNumberClaims('123456789012', clock.now()))}`;
    for (let i = 0; i < 3; i += 1) expect(await verifier.verify(bearer())).toMatchObject({ ok: true });
    expect(certs.fetches - before).toBe(1);
    clock.advance((certs.maxAgeSeconds + 1) * 1000);
    vi.setSystemTime(clock.now());
    expect(await verifier.verify(bearer())).toMatchObject({ ok: true });
    expect(certs.fetches - before).toBe(2);
  });

  it('picks up a rotated key, and fails closed when no keys can be had', async () => {
    const clock = createManualClock(NOW);
    const verifier = createChatTokenVerifier({
      audience: PROJECT,
      clock,
      certificatesUrl: certs.chatCertsUrl,
    });
    expect(
      await verifier.verify(`Bearer ${google.sign(projectNumberClaims('123456789012', NOW))}`),
    ).toMatchObject({
      ok: true,
    });
    const rotated = createGoogleSigner();
    certs.publish(google, rotated);
    clock.advance(61_000);
    vi.setSystemTime(clock.now());
    expect(
      await verifier.verify(`Bearer ${rotated.sign(projectNumberClaims('123456789012', clock.now()))}`),
    ).toMatchObject({ ok: true });
    certs.publish(google);

    const unreachable = createChatTokenVerifier({
      audience: PROJECT,
      clock,
      certificatesUrl: 'http://127.0.0.1:9/certs',
    });
    expect(
      await unreachable.verify(`Bearer ${google.sign(projectNumberClaims('123456789012', NOW))}`),
    ).toEqual({
      ok: false,
      reason: 'keys_unavailable',
    });
  });

  it('refuses to be built without an audience', () => {
    const clock = createManualClock(NOW);
    // @ts-expect-error — the configuration is missing, as a deploy without GCHAT_AUDIENCE would be.
    expect(() => createChatTokenVerifier({ audience: undefined, clock })).toThrow(/audience/);
    expect(() =>
      createChatTokenVerifier({ audience: { mode: 'project-number', projectNumber: '' }, clock }),
    ).toThrow();
    expect(() =>
      createChatTokenVerifier({ audience: { mode: 'endpoint-url', url: 'kotae' }, clock }),
    ).toThrow();
  });
});
