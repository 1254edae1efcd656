/**
 * What a digest's final failure does, once per run whatever retries or redeliveries
 * happen: record it, tell the owner privately (once: the notice is claimed on the run),
 * and after three failed runs in a row pause the digest and say so in its channel.
 */
import type { Logger } from '../core/logger.ts';
import type { ChatPlatform } from '../core/ports/chat-platform.ts';
import type { DirectMessages } from '../core/ports/direct-messages.ts';
import { t } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import { infoReply } from '../core/reply.ts';
import type { DigestRunRecord, DigestRunStore } from '../store/digest-run-store.ts';
import type { SubscriptionRecord, SubscriptionStore } from '../store/subscription-store.ts';
import { slotDate } from './digest-post.ts';

export const PAUSE_AFTER_FAILURES = 3;

export interface DigestFailureDeps {
  runs: DigestRunStore;
  subscriptions: Pick<SubscriptionStore, 'setPaused'>;
  directMessages: DirectMessages;
  platform: ChatPlatform;
  logger: Logger;
}

export async function recordDigestFailure(
  deps: DigestFailureDeps,
  failure: {
    run: DigestRunRecord;
    subscription: SubscriptionRecord;
    locale: Locale;
    reason: string;
    now: Date;
  },
): Promise<void> {
  const { run, subscription, locale, reason, now } = failure;
  const failures = await deps.runs.fail(run.id, reason, now);
  if (await deps.runs.claimOwnerNotice(run.id, now)) {
    const text = t(locale, 'digest.owner.failed', {
      name: subscription.name,
      channel: subscription.thread.channelId,
      slot: slotDate(run.scheduledFor, subscription.timeZone, locale),
      reason,
    });
    await deps.directMessages
      .send(
        {
          platform: subscription.thread.platform,
          workspaceId: subscription.thread.workspaceId,
          userId: subscription.createdBy,
        },
        text,
        subscription.thread,
      )
      .catch((error: unknown) =>
        deps.logger.warn('could not tell the digest owner', { runId: run.id, error }),
      );
  }
  if (failures === null || failures < PAUSE_AFTER_FAILURES || !subscription.enabled) return;
  await deps.subscriptions.setPaused(subscription.id, { reason: 'failures' });
  const text = t(locale, 'digest.paused.failures', {
    name: subscription.name,
    count: failures,
    id: subscription.id.slice(0, 8),
  });
  await deps.platform
    .post(
      subscription.thread,
      { kind: 'reply', reply: infoReply(locale, text) },
      {
        idempotencyKey: `digest-paused:${run.id}`,
      },
    )
    .catch((error: unknown) =>
      deps.logger.warn('could not announce the digest pause', { runId: run.id, error }),
    );
}
