/**
 * Slack request signing, checked before anything else reads the body.
 *
 * Slack's rules (https://docs.slack.dev/authentication/verifying-requests-from-slack):
 * - `x-slack-request-timestamp` is Unix seconds; refuse anything more than 5 minutes away
 *   from our clock, in either direction, so a captured request cannot be replayed later.
 * - `x-slack-signature` is `v0=` + hex(HMAC-SHA256(signing secret, `v0:{timestamp}:{raw body}`)).
 *   The raw body must be the exact bytes received: re-serialising parsed JSON breaks it.
 * - Compare in constant time.
 *
 * Pure: the clock is an argument, so tests can move time instead of sleeping.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack's replay window. */
export const SLACK_MAX_SKEW_SECONDS = 5 * 60;

export type HeaderValue = string | string[] | undefined;

export interface SlackRequestToVerify {
  signingSecret: string;
  /** The raw body, exactly as received. */
  body: string | Uint8Array;
  /** Lower-case header names, as node:http gives them. */
  headers: Readonly<Record<string, HeaderValue>>;
  now: Date;
}

export type SlackVerification =
  { ok: true } | { ok: false; reason: 'missing_header' | 'stale_timestamp' | 'bad_signature' };

export function verifySlackRequest(request: SlackRequestToVerify): SlackVerification {
  const signature = single(request.headers['x-slack-signature']);
  const timestampText = single(request.headers['x-slack-request-timestamp']);
  if (!signature || !timestampText) return { ok: false, reason: 'missing_header' };

  const timestamp = Number(timestampText);
  if (!Number.isInteger(timestamp)) return { ok: false, reason: 'stale_timestamp' };
  const nowSeconds = Math.floor(request.now.getTime() / 1000);
  if (Math.abs(nowSeconds - timestamp) > SLACK_MAX_SKEW_SECONDS)
    return { ok: false, reason: 'stale_timestamp' };

  const expected = signSlackRequest(request.signingSecret, timestamp, request.body);
  const given = Buffer.from(signature, 'utf8');
  const wanted = Buffer.from(expected, 'utf8');
  if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
    return { ok: false, reason: 'bad_signature' };
  return { ok: true };
}

/** The `x-slack-signature` value Slack would send for this body at this timestamp. */
export function signSlackRequest(
  signingSecret: string,
  timestampSeconds: number,
  body: string | Uint8Array,
): string {
  const hmac = createHmac('sha256', signingSecret);
  hmac.update(`v0:${timestampSeconds}:`);
  hmac.update(body);
  return `v0=${hmac.digest('hex')}`;
}

function single(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
