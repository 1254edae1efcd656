/**
 * Counts a chat platform's API calls (post, update, upload) by outcome. A call that still
 * fails rate limited after the platform's own retries (Slack's and Chat's HTTP 429) counts
 * as "rate_limited", so an operator sees when the write limits are the bottleneck.
 */
import { isKotaeError } from '../core/errors.ts';
import type { ChatPlatform } from '../core/ports/chat-platform.ts';
import type { Metrics } from '../core/ports/metrics.ts';

function isRateLimited(error: unknown): boolean {
  if (isKotaeError(error) && (error.data['status'] === 429 || /rate_?limit/i.test(error.code))) return true;
  const shaped = error as { code?: unknown; status?: unknown; statusCode?: unknown } | null;
  return (
    shaped?.status === 429 ||
    shaped?.statusCode === 429 ||
    shaped?.code === 'slack_webapi_rate_limited_error' ||
    shaped?.code === 429
  );
}

export function meteredPlatform(platform: ChatPlatform, name: string, metrics: Metrics): ChatPlatform {
  async function measured<T>(operation: string, call: () => Promise<T>): Promise<T> {
    try {
      const result = await call();
      metrics.platformCall({ platform: name, operation, outcome: 'ok' });
      return result;
    } catch (error) {
      metrics.platformCall({
        platform: name,
        operation,
        outcome: isRateLimited(error) ? 'rate_limited' : 'error',
      });
      throw error;
    }
  }
  return {
    post: (thread, content, options) => measured('post', () => platform.post(thread, content, options)),
    update: (message, content) => measured('update', () => platform.update(message, content)),
    upload: (thread, file) => measured('upload', () => platform.upload(thread, file)),
  };
}
