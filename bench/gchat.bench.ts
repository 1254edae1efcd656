/**
 * Google Chat ingress and egress costs, measured side by side:
 *  - bearer-token verification: verifyChatToken (google-auth-library's
 *    verifySignedJwtWithCertsAsync plus our alg and claim checks) against the bare library
 *    call on the same token, to show what our checks around it cost;
 *  - parsing one MESSAGE event with zod;
 *  - the per-space write limiter on a busy space (virtual time): how many writes five
 *    concurrent questions need, the most in any minute, and how long the last answer waits.
 */
import { createSign, generateKeyPairSync, randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { OAuth2Client } from 'google-auth-library';
import { parseChatEvent } from '../src/bot/gchat/gchat-parse.ts';
import { chatWriteBudget } from '../src/bot/gchat/gchat-platform.ts';
import { createConversationWriteLimiter } from '../src/bot/platform/conversation-write-limiter.ts';
import { CHAT_SERVICE_ACCOUNT, verifyChatToken } from '../src/bot/gchat/gchat-verify.ts';
import { createManualClock } from '../src/core/clock.ts';
import { median, percentile, type BenchReport } from './bench-row.ts';

const PROJECT_NUMBER = '123456789012';

function signedToken(): { token: string; certs: Record<string, string> } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const kid = randomBytes(20).toString('hex');
  const now = Math.floor(Date.now() / 1000);
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const input = `${encode({ alg: 'RS256', kid, typ: 'JWT' })}.${encode({
    iss: CHAT_SERVICE_ACCOUNT,
    aud: PROJECT_NUMBER,
    iat: now,
    exp: now + 3600,
  })}`;
  const signature = createSign('RSA-SHA256').update(input).sign(privateKey).toString('base64url');
  return {
    token: `${input}.${signature}`,
    certs: { [kid]: publicKey.export({ type: 'spki', format: 'pem' }).toString() },
  };
}

async function time(runs: number, fn: () => unknown): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await fn();
    samples.push((performance.now() - started) * 1000);
  }
  return samples;
}

async function tokenVerification(report: BenchReport): Promise<void> {
  const { token, certs } = signedToken();
  const client = new OAuth2Client();
  const ours = async () => {
    const verdict = await verifyChatToken(token, {
      audience: { mode: 'project-number', projectNumber: PROJECT_NUMBER },
      certs,
    });
    if (!verdict.ok) throw new Error(verdict.reason);
  };
  const library = () =>
    client.verifySignedJwtWithCertsAsync(token, certs, PROJECT_NUMBER, [CHAT_SERVICE_ACCOUNT]);
  await time(200, ours);
  await time(200, library);
  // Interleave the two so both see the same machine load.
  const oursSamples: number[] = [];
  const librarySamples: number[] = [];
  for (let round = 0; round < 10; round += 1) {
    oursSamples.push(...(await time(200, ours)));
    librarySamples.push(...(await time(200, library)));
  }
  const a = median(oursSamples);
  const b = median(librarySamples);
  report({
    name: 'verify token (verifyChatToken) median',
    value: a,
    unit: 'µs',
    note: `p99 ${percentile(oursSamples, 99).toFixed(1)} µs`,
  });
  report({
    name: 'verify token (bare library call) median',
    value: b,
    unit: 'µs',
    note: `p99 ${percentile(librarySamples, 99).toFixed(1)} µs`,
  });
  report({ name: 'verify token: bare library / verifyChatToken', value: b / a, unit: '×' });
}

async function eventParsing(report: BenchReport): Promise<void> {
  const event = {
    type: 'MESSAGE',
    eventTime: '2026-03-02T00:00:05.123456Z',
    space: { name: 'spaces/AAAAsales01', type: 'ROOM', spaceType: 'SPACE', displayName: '売上分析' },
    message: {
      name: 'spaces/AAAAsales01/messages/Pq3x9.Pq3x9',
      sender: {
        name: 'users/102938475610293847561',
        displayName: '佐藤 花子',
        type: 'HUMAN',
        domainId: 'C03ab12cd',
      },
      text: '@Kotae 先月の売上トップ10の店舗は？',
      argumentText: ' 先月の売上トップ10の店舗は？',
      annotations: [
        {
          type: 'USER_MENTION',
          startIndex: 0,
          length: 6,
          userMention: {
            user: { name: 'users/114477558899663322110', displayName: 'Kotae', type: 'BOT' },
            type: 'MENTION',
          },
        },
      ],
      thread: { name: 'spaces/AAAAsales01/threads/Pq3x9' },
    },
    user: {
      name: 'users/102938475610293847561',
      displayName: '佐藤 花子',
      type: 'HUMAN',
      domainId: 'C03ab12cd',
    },
    common: { userLocale: 'ja', hostApp: 'CHAT' },
  };
  const body = JSON.stringify(event);
  await time(500, () => parseChatEvent(JSON.parse(body)));
  const samples = await time(5000, () => parseChatEvent(JSON.parse(body)));
  report({ name: 'parse MESSAGE event (JSON.parse + zod) median', value: median(samples), unit: 'µs' });
}

/** Five questions in one space, each with 12 progress updates 3 s apart and a final answer. */
async function busySpace(report: BenchReport): Promise<void> {
  const clock = createManualClock(new Date('2026-03-02T00:00:00Z'));
  const pending: Array<{ at: number; resolve: () => void }> = [];
  // Virtual time: a sleeper waits until the clock reaches its deadline; the driver below
  // always advances to the earliest deadline, so the producers and the limiter share one timeline.
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => pending.push({ at: clock.now().getTime() + ms, resolve }));
  const writes: number[] = [];
  const limiter = createConversationWriteLimiter({
    budget: chatWriteBudget,
    clock,
    sleep,
    classify: () => ({ retry: false, rateLimited: false }),
  });
  const space = 'spaces/busy';
  const start = clock.now().getTime();
  let requested = 0;
  const finals: number[] = [];
  const questions = Array.from({ length: 5 }, async (_, q) => {
    await limiter.run(space, async () => writes.push(clock.now().getTime()));
    requested += 1;
    const updates: Promise<void>[] = [];
    for (let step = 0; step < 12; step += 1) {
      await sleep(3000);
      requested += 1;
      updates.push(limiter.edit(`m${q}`, false, async () => void writes.push(clock.now().getTime()), space));
    }
    requested += 1;
    await limiter.edit(`m${q}`, true, async () => void writes.push(clock.now().getTime()), space);
    finals.push(clock.now().getTime() - start);
    await Promise.all(updates);
  });
  const done = Promise.all(questions);
  let finished = false;
  void done.then(() => (finished = true));
  while (!finished) {
    await new Promise((resolve) => setImmediate(resolve));
    if (pending.length === 0) continue;
    pending.sort((a, b) => a.at - b.at);
    const next = pending.shift()!;
    if (next.at > clock.now().getTime()) clock.set(new Date(next.at));
    next.resolve();
  }
  const sorted = [...writes].sort((a, b) => a - b);
  let maxPerMinute = 0;
  for (let i = 0, j = 0; i < sorted.length; i += 1) {
    while (sorted[i]! - sorted[j]! >= 60_000) j += 1;
    maxPerMinute = Math.max(maxPerMinute, i - j + 1);
  }
  report({
    name: 'busy space: writes requested',
    value: requested,
    unit: 'writes',
    note: '5 questions × (1 + 12 + 1)',
  });
  report({
    name: 'busy space: writes sent',
    value: writes.length,
    unit: 'writes',
    note: 'progress coalesced',
  });
  report({
    name: 'busy space: most writes in any minute',
    value: maxPerMinute,
    unit: 'writes',
    note: 'budget 30',
  });
  report({
    name: 'busy space: last final answer after',
    value: Math.max(...finals) / 1000,
    unit: 's (virtual)',
    note: 'unthrottled: 36 s',
  });
}

export async function bench(report: BenchReport): Promise<void> {
  await tokenVerification(report);
  await eventParsing(report);
  await busySpace(report);
}
