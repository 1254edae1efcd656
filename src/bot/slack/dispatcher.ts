/**
 * The fast path every Slack delivery takes, over HTTP or Socket Mode, once it is verified
 * and parsed: dedupe → Bolt (listeners validate, persist and enqueue through Intake) →
 * the ack → then the after-ack work.
 *
 * When the ack goes out:
 * - Events API: once the listeners have finished, i.e. after the task is persisted and
 *   published. Bolt "acks" events before running listeners; that call is ignored here so
 *   a crash between ack and persist cannot lose a question. Listeners do nothing slow:
 *   Slack API calls go into `afterAck`.
 * - Commands and interactivity: when the listener calls `ack(response)`.
 * - Either way, after `ackDeadlineMs` (below Slack's 3 s) without an answer, a 5xx goes
 *   out for events (Slack retries and the retry is deduplicated) and an empty 200 for the
 *   rest; processing carries on. The deadline counts from the delivery's arrival
 *   (`receivedAt`), so time spent reading and verifying the body is counted too.
 */
import type { ReceiverEvent } from '@slack/bolt';
import type { Clock } from '../../core/clock.ts';
import { errorMessage } from '../../core/errors.ts';
import { AFTER_ACK_KEY, type AfterAckTask } from './after-ack.ts';
import { createEventDedupe } from './event-dedupe.ts';
import type { Logger } from './bolt-logger.ts';
import type { Timers } from '../../core/timers.ts';

export interface SlackDelivery {
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
  /** When the delivery arrived (clock ms); the ack deadline counts from here. Default: now. */
  receivedAt?: number;
}

export interface SlackAck {
  status: number;
  /** JSON for objects, text for strings. */
  body?: Record<string, unknown> | string;
}

export interface Dispatched {
  ack: SlackAck;
  /** Call after the ack has been written: runs the listeners' after-ack work. */
  afterAck(): void;
}

export interface SlackDispatcherOptions {
  processEvent(event: ReceiverEvent): Promise<void>;
  clock: Clock;
  timers: Timers;
  logger: Logger;
  ackDeadlineMs?: number;
}

export interface SlackDispatcher {
  dispatch(delivery: SlackDelivery): Promise<Dispatched>;
}

const noop = () => {};

export function createSlackDispatcher(options: SlackDispatcherOptions): SlackDispatcher {
  const { logger } = options;
  const deadlineMs = options.ackDeadlineMs ?? 2_500;
  const dedupe = createEventDedupe<SlackAck>({ clock: options.clock });

  async function run(delivery: SlackDelivery, eventId: string | null): Promise<Dispatched> {
    const isEvent = delivery.body.type === 'event_callback';
    const tasks: AfterAckTask[] = [];
    let settle!: (ack: SlackAck) => void;
    const acked = new Promise<SlackAck>((resolve) => (settle = resolve));

    const processing = options.processEvent({
      body: delivery.body,
      ...(delivery.retryNum === undefined ? {} : { retryNum: delivery.retryNum }),
      ...(delivery.retryReason === undefined ? {} : { retryReason: delivery.retryReason }),
      customProperties: { [AFTER_ACK_KEY]: (task: AfterAckTask) => void tasks.push(task) },
      ack: async (response?: unknown) => {
        if (!isEvent) settle(toAck(response));
      },
    });
    const outcome = processing.then(
      () => {
        if (eventId) dedupe.markAccepted(eventId);
        settle({ status: 200 });
        return true;
      },
      (error: unknown) => {
        logger.error('Slack delivery failed before it could be acknowledged', {
          eventId,
          error: error instanceof Error ? error : errorMessage(error),
        });
        settle({ status: isEvent ? 500 : 200 });
        return false;
      },
    );
    const spent = delivery.receivedAt === undefined ? 0 : options.clock.now().getTime() - delivery.receivedAt;
    const timer = options.timers.setTimeout(
      () => {
        logger.warn('Slack delivery missed the ack deadline', { eventId, deadlineMs, spentBeforeMs: spent });
        settle(isEvent ? { status: 503 } : { status: 200 });
      },
      Math.max(0, deadlineMs - spent),
    );
    const ack = await acked;
    options.timers.clearTimeout(timer);

    return {
      ack,
      afterAck() {
        void outcome.then(async (ok) => {
          if (!ok) return;
          for (const task of tasks) {
            try {
              await task();
            } catch (error) {
              logger.warn('After-ack work failed', {
                eventId,
                error: error instanceof Error ? error : errorMessage(error),
              });
            }
          }
        });
      },
    };
  }

  return {
    async dispatch(delivery) {
      const eventId =
        delivery.body.type === 'event_callback' && typeof delivery.body.event_id === 'string'
          ? delivery.body.event_id
          : null;
      if (eventId && dedupe.wasAccepted(eventId)) {
        logger.info('Slack redelivered an event already accepted; acknowledging it again', {
          eventId,
          retryNum: delivery.retryNum,
          retryReason: delivery.retryReason,
        });
        return { ack: { status: 200 }, afterAck: noop };
      }
      const running = eventId ? dedupe.inFlight(eventId) : undefined;
      if (running) {
        logger.info('Slack sent a copy of an event still being processed; it shares the outcome', {
          eventId,
        });
        return { ack: await running, afterAck: noop };
      }
      const dispatched = run(delivery, eventId);
      if (eventId)
        dedupe.track(
          eventId,
          dispatched.then((result) => result.ack),
        );
      return await dispatched;
    },
  };
}

function toAck(response: unknown): SlackAck {
  if (response === undefined || response === null || response === '') return { status: 200 };
  if (typeof response === 'string') return { status: 200, body: response };
  return { status: 200, body: response as Record<string, unknown> };
}
