/**
 * Slack request signing as a pure function. If this breaks, anyone on the internet can
 * post fake questions as any user (or replay an old one), or real Slack requests are
 * refused and the bot goes silent.
 */
import { describe, expect, it } from 'vitest';
import { signSlackRequest, verifySlackRequest } from '../../../src/bot/slack/slack-verify.ts';

const secret = '8f742231b10e8888abcd99yyyzzz85a5';
const body = 'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&command=%2Fkotae&text=help';
const now = new Date('2026-11-21T09:00:00Z');
const ts = Math.floor(now.getTime() / 1000);

function headers(timestamp: number, signature = signSlackRequest(secret, timestamp, body)) {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

describe('verifySlackRequest', () => {
  it('accepts Slack’s documented example signature', () => {
    // From https://docs.slack.dev/authentication/verifying-requests-from-slack
    const example =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    const result = verifySlackRequest({
      signingSecret: secret,
      body: example,
      headers: {
        'x-slack-request-timestamp': '1531420618',
        'x-slack-signature': 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
      },
      now: new Date(1531420618 * 1000 + 10_000),
    });
    expect(result).toEqual({ ok: true });
  });

  it('accepts a fresh request, bytes as they came', () => {
    expect(verifySlackRequest({ signingSecret: secret, body, headers: headers(ts), now })).toEqual({
      ok: true,
    });
    expect(
      verifySlackRequest({ signingSecret: secret, body: Buffer.from(body), headers: headers(ts), now }),
    ).toEqual({ ok: true });
  });

  it('accepts 300 s of skew either way and refuses 301 s', () => {
    for (const skew of [-300, 300]) {
      expect(verifySlackRequest({ signingSecret: secret, body, headers: headers(ts + skew), now }).ok).toBe(
        true,
      );
    }
    for (const skew of [-301, 301]) {
      expect(verifySlackRequest({ signingSecret: secret, body, headers: headers(ts + skew), now })).toEqual({
        ok: false,
        reason: 'stale_timestamp',
      });
    }
  });

  it('refuses an altered body, a wrong secret, missing or malformed headers', () => {
    const altered = body.replace('help', 'hel!');
    expect(verifySlackRequest({ signingSecret: secret, body: altered, headers: headers(ts), now }).ok).toBe(
      false,
    );
    const wrong = headers(ts, signSlackRequest('another-secret', ts, body));
    expect(verifySlackRequest({ signingSecret: secret, body, headers: wrong, now })).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
    expect(
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: { 'x-slack-request-timestamp': String(ts) },
        now,
      }),
    ).toEqual({ ok: false, reason: 'missing_header' });
    expect(
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: { ...headers(ts), 'x-slack-signature': 'v0=00' },
        now,
      }),
    ).toEqual({ ok: false, reason: 'bad_signature' });
    expect(
      verifySlackRequest({
        signingSecret: secret,
        body,
        headers: { ...headers(ts), 'x-slack-request-timestamp': 'soon' },
        now,
      }).ok,
    ).toBe(false);
  });
});
