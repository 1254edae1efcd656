/**
 * Requests to a running Kotae's /slack/events signed as Slack signs them
 * (v0 HMAC over timestamp and raw body). `now` is the clock the app checks the timestamp
 * against, so tests on a manual clock sign with that clock.
 */
import { signSlackRequest } from '../../src/bot/slack/slack-verify.ts';

export function slackPoster(kotaeUrl: () => string, secret: string, now: () => Date = () => new Date()) {
  async function post(raw: string, contentType: string): Promise<Response> {
    const timestamp = Math.floor(now().getTime() / 1000);
    return await fetch(`${kotaeUrl()}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': signSlackRequest(secret, timestamp, raw),
      },
      body: raw,
    });
  }
  return {
    post,
    /** An Events API delivery (JSON). */
    event: (body: unknown) => post(JSON.stringify(body), 'application/json'),
    /** An interaction: the payload as the form field `payload`. */
    interaction: (payload: unknown) =>
      post(
        new URLSearchParams({ payload: JSON.stringify(payload) }).toString(),
        'application/x-www-form-urlencoded',
      ),
  };
}
