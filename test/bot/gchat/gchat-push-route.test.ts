/**
 * Google Chat events by Pub/Sub push (POST /pubsub/push/chat): the push OIDC token is
 * checked before anything runs, then the event is handled as a pulled one. If this broke,
 * anyone could post fake Chat questions through the push endpoint, or pushed events
 * would go unanswered.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createChatPushRoute, PUSH_CHAT_PATH } from '../../../src/bot/gchat/gchat-push-route.ts';
import { createGoogleIdTokenVerifier } from '../../../src/bot/google-id-token-verifier.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import { chatEvent } from '../../fakes/gchat/chat-events.ts';
import { createGoogleSigner } from '../../fakes/gchat/google-signer.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { startGchatStack, type GchatStack } from '../../support/gchat-stack.ts';
import { serveRoutes, type RunningRoutes } from '../../support/route-server.ts';

const AUDIENCE = 'https://kotae-bot.example.run.app/pubsub/push/chat';
const PUSHER = 'chat-push@kotae-test.iam.gserviceaccount.com';
const SPACE = 'spaces/AAAApushed';

describe('POST /pubsub/push/chat', () => {
  let db: TestDatabase;
  let stack: GchatStack;
  let server: RunningRoutes;
  const attacker = createGoogleSigner();

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    stack = await startGchatStack({ db });
    await stack.startWorker();
    const verifier = createGoogleIdTokenVerifier({
      audience: AUDIENCE,
      expectedEmail: PUSHER,
      certsUrl: stack.certs.oauthCertsUrl,
    });
    server = await serveRoutes([
      createChatPushRoute({
        verifier,
        handler: stack.handler,
        platform: stack.platform,
        logger: silentLogger,
      }),
    ]);
  });
  afterAll(async () => {
    await server?.close();
    await stack?.close();
    await db?.drop();
  });

  function token(signer = stack.google, overrides: Record<string, unknown> = {}) {
    const iat = Math.floor(Date.now() / 1000);
    const claims = { iss: 'https://accounts.google.com', aud: AUDIENCE, email: PUSHER, email_verified: true };
    return signer.sign(
      { ...claims, sub: '1', iat, exp: iat + 3600, ...overrides },
      { kid: stack.google.kid },
    );
  }

  function push(event: unknown, bearer: string | null) {
    const body = {
      message: {
        data: Buffer.from(JSON.stringify(event)).toString('base64'),
        messageId: `m-${Math.random()}`,
      },
      subscription: 'projects/kotae-test/subscriptions/chat-push',
    };
    return fetch(`${server.url}${PUSH_CHAT_PATH}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      },
      body: JSON.stringify(body),
    });
  }

  function ask() {
    const message = stack.api.userMessage(SPACE, '@Kotae 先月の売上トップ10の店舗は？');
    const event = chatEvent('message-mention', {
      space: SPACE,
      thread: message.thread.name,
      message: message.name,
    });
    return { message, event };
  }

  it.each([
    ['no token', () => null],
    ['a forged token', () => token(attacker)],
    [
      'another service account',
      () => token(undefined, { email: 'someone@kotae-test.iam.gserviceaccount.com' }),
    ],
    ['another audience', () => token(undefined, { aud: 'https://elsewhere.example/push' })],
  ])('refuses %s with 401 and runs nothing', async (_name, bearer) => {
    const { message, event } = ask();
    const response = await push(event, bearer());
    expect(response.status).toBe(401);
    expect(await db.prisma.task.count({ where: { threadId: message.thread.name } })).toBe(0);
  });

  it('answers a pushed event once in the asker’s thread', async () => {
    const { message, event } = ask();
    const response = await push(event, token());
    expect(response.status).toBe(204);
    await vi.waitFor(
      async () => {
        const task = await db.prisma.task.findFirst({ where: { threadId: message.thread.name } });
        if (task?.status !== 'COMPLETED') throw new Error(`task is ${task?.status ?? 'missing'}`);
      },
      { timeout: 20_000, interval: 50 },
    );
    await stack.platform.limiter.idle();
    expect(stack.api.thread(message.thread.name).filter((m) => m.sender.type === 'BOT')).toHaveLength(1);
  });
});
