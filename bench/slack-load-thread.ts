/**
 * The Slack side of slack-ack.bench.ts, in a worker thread of its own: signed Events API
 * requests at a fixed rate (open loop), timed from send to ack. Slack is not in our process,
 * so its HTTP client's CPU must not land on the event loop being measured.
 */
import { randomUUID } from 'node:crypto';
import { parentPort, Worker, workerData } from 'node:worker_threads';
import { signSlackRequest } from '../src/bot/slack/slack-verify.ts';

export interface LoadSetup {
  endpoint: string;
  rate: number;
  count: number;
  label: string;
  body: 'mention' | 'botMessage';
  secret: string;
  team: string;
  botUser: string;
}

export interface LoadResult {
  latencies: number[];
  failures: number;
  achievedRate: number;
}

export interface LoadThread {
  /** Runs one load in the thread and returns what it measured. */
  run(setup: LoadSetup): Promise<LoadResult>;
  close(): Promise<void>;
}

/**
 * One thread for every load of a run, as Slack's senders are long-lived: a new thread per
 * load would time its own cold start (module loading, a cold HTTP client) as our acks.
 */
export function startLoadThread(): LoadThread {
  const extension = import.meta.url.endsWith('.ts') ? '.ts' : '.js';
  const worker = new Worker(new URL(`./slack-load-thread${extension}`, import.meta.url), {
    workerData: { loadThread: true },
  });
  return {
    run: (setup) =>
      new Promise<LoadResult>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        worker.once('error', onError);
        worker.once('message', (result: LoadResult) => {
          worker.off('error', onError);
          resolve(result);
        });
        worker.postMessage(setup);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}

type Body = (setup: LoadSetup, eventId: string, n: number) => Record<string, unknown>;

function mention(setup: LoadSetup, eventId: string, n: number): Record<string, unknown> {
  const ts = `${1_767_000_000 + n}.${String(n).padStart(6, '0')}`;
  return envelope(setup, eventId, {
    type: 'app_mention',
    user: `U${(n % 50).toString().padStart(8, '0')}`,
    text: `<@${setup.botUser}> 先月の都道府県別売上トップ10は？ (${n})`,
    ts,
    channel: 'C0BENCH01',
    event_ts: ts,
  });
}

function botMessage(setup: LoadSetup, eventId: string, n: number): Record<string, unknown> {
  const ts = `${1_768_000_000 + n}.000001`;
  return envelope(setup, eventId, {
    type: 'message',
    subtype: 'bot_message',
    bot_id: 'B0OTHER',
    channel: 'D0BENCH01',
    channel_type: 'im',
    text: 'status ok',
    ts,
    event_ts: ts,
  });
}

function envelope(
  setup: LoadSetup,
  eventId: string,
  event: Record<string, unknown>,
): Record<string, unknown> {
  return {
    token: 'unused',
    team_id: setup.team,
    api_app_id: 'A0BENCH',
    event,
    type: 'event_callback',
    authorizations: [
      {
        enterprise_id: null,
        team_id: setup.team,
        user_id: setup.botUser,
        is_bot: true,
        is_enterprise_install: false,
      },
    ],
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
  };
}

/** Open loop: request i starts at i/rate seconds whether or not earlier ones finished. */
async function load(setup: LoadSetup): Promise<LoadResult> {
  const { endpoint, rate, count, label } = setup;
  const body: Body = setup.body === 'mention' ? mention : botMessage;
  const latencies: number[] = [];
  let failures = 0;
  const started = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let i = 0; i < count; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    const raw = JSON.stringify(body(setup, `Ev${label}${randomUUID().replaceAll('-', '')}`, i));
    const timestamp = Math.floor(Date.now() / 1000);
    const sentAt = performance.now();
    inFlight.push(
      fetch(endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-slack-request-timestamp': String(timestamp),
          'x-slack-signature': signSlackRequest(setup.secret, timestamp, raw),
        },
        body: raw,
      }).then(
        async (response) => {
          await response.arrayBuffer();
          latencies.push(performance.now() - sentAt);
          if (response.status !== 200) failures += 1;
        },
        () => {
          failures += 1;
        },
      ),
    );
  }
  await Promise.all(inFlight);
  const elapsed = (performance.now() - started) / 1000;
  return { latencies, failures, achievedRate: count / elapsed };
}

if (parentPort && (workerData as { loadThread?: boolean } | undefined)?.loadThread) {
  const port = parentPort;
  port.on('message', (setup: LoadSetup) => {
    void load(setup).then((result) => port.postMessage(result));
  });
}
