/**
 * A local fake of the Google Chat REST API (v1), enough for a Chat app with app auth:
 *   POST  /v1/spaces/{space}/messages   spaces.messages.create
 *         query: requestId, messageReplyOption, threadKey (deprecated), messageId
 *   PATCH /v1/spaces/{space}/messages/{message}   spaces.messages.patch (updateMask required)
 *   GET   /v1/spaces/{space}/messages/{message}   spaces.messages.get
 * Semantics follow the reference: a repeated requestId returns the message it created
 * (unchanged); REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD replies in `thread.name` when that
 * thread exists and starts a new thread otherwise, REPLY_MESSAGE_OR_FAIL fails instead,
 * and without a reply option a new thread starts; updateMask fields absent from the body
 * are cleared. Errors use Google's JSON error shape. Every write is recorded per space
 * with the fake clock's time, and writes can be answered with 429 on demand.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Clock } from '../../../src/core/clock.ts';

export interface FakeMessage {
  name: string;
  text?: string;
  cardsV2?: Array<{ cardId?: string; card?: Record<string, unknown> }>;
  thread: { name: string; threadKey?: string };
  space: { name: string };
  sender: { name: string; type: 'BOT' | 'HUMAN' };
  createTime: string;
  lastUpdateTime?: string;
  privateMessageViewer?: { name: string };
}

export interface RecordedWrite {
  space: string;
  method: 'create' | 'patch';
  /** Fake-clock time of the request, in ms. */
  at: number;
  status: number;
  messageName?: string;
  requestId?: string;
  updateMask?: string;
}

export interface FakeChatApi {
  url: string;
  writes: RecordedWrite[];
  messages: Map<string, FakeMessage>;
  /** A person's message starting a thread, as if typed in Chat. */
  userMessage(space: string, text: string, user?: string): FakeMessage;
  /** Messages in a thread, oldest first. */
  thread(threadName: string): FakeMessage[];
  /** Answers the next `count` writes (optionally only in `space`) with 429 RESOURCE_EXHAUSTED. */
  rejectNextWrites(count: number, options?: { space?: string; retryAfterSeconds?: number }): void;
  /** Answers a write with 429 whenever the space already had `perMinute` accepted writes in the last minute. */
  limitWritesPerMinute(perMinute: number | null): void;
  close(): Promise<void>;
}

const WRITABLE_FIELDS = new Set(['text', 'cards_v2', 'cardsV2', 'attachment', 'cards', 'accessory_widgets']);
const MAX_TEXT = 4096;
const MAX_CARD_BYTES = 32 * 1024;

export async function startFakeChatApi(options: { clock: Clock; token?: string }): Promise<FakeChatApi> {
  const { clock } = options;
  const messages = new Map<string, FakeMessage>();
  const byRequestId = new Map<string, string>();
  const threadsByKey = new Map<string, string>();
  const writes: RecordedWrite[] = [];
  let rejections: Array<{ space?: string; retryAfterSeconds?: number }> = [];
  let perMinuteLimit: number | null = null;
  const id = () => `${randomBytes(6).toString('hex')}.${randomBytes(6).toString('hex')}`;
  const now = () => clock.now();

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => fail(response, 500, 'INTERNAL', String(error)));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!/^Bearer \S+$/.test(request.headers.authorization ?? '')) {
      return fail(response, 401, 'UNAUTHENTICATED', 'Request is missing required authentication credential.');
    }
    const body = request.method === 'GET' ? {} : await readJson(request);
    const createMatch = /^\/v1\/(spaces\/[^/]+)\/messages$/.exec(url.pathname);
    const messageMatch = /^\/v1\/((spaces\/[^/]+)\/messages\/[^/]+)$/.exec(url.pathname);

    if (request.method === 'POST' && createMatch)
      return create(createMatch[1]!, url.searchParams, body, response);
    if (request.method === 'PATCH' && messageMatch) {
      return patch(messageMatch[2]!, messageMatch[1]!, url.searchParams, body, response);
    }
    if (request.method === 'GET' && messageMatch) {
      const message = messages.get(messageMatch[1]!);
      return message ? json(response, 200, message) : fail(response, 404, 'NOT_FOUND', 'Message not found.');
    }
    return fail(response, 404, 'NOT_FOUND', `No method for ${request.method} ${url.pathname}`);
  }

  function throttled(
    space: string,
    write: Omit<RecordedWrite, 'status' | 'at'>,
    response: ServerResponse,
  ): boolean {
    const at = now().getTime();
    const index = rejections.findIndex((r) => r.space === undefined || r.space === space);
    const recent = writes.filter((w) => w.space === space && w.status < 300 && w.at > at - 60_000).length;
    if (index < 0 && (perMinuteLimit === null || recent < perMinuteLimit)) return false;
    const retryAfter = index >= 0 ? rejections[index]!.retryAfterSeconds : undefined;
    if (index >= 0) rejections = rejections.filter((_, i) => i !== index);
    writes.push({ ...write, at, status: 429 });
    fail(response, 429, 'RESOURCE_EXHAUSTED', "Quota exceeded for quota metric 'Write requests per space'.", {
      ...(retryAfter !== undefined ? { 'retry-after': String(retryAfter) } : {}),
    });
    return true;
  }

  function create(
    space: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    response: ServerResponse,
  ) {
    const requestId = query.get('requestId') ?? undefined;
    if (throttled(space, { space, method: 'create', ...(requestId ? { requestId } : {}) }, response)) return;
    const record = (status: number, messageName?: string) =>
      writes.push({
        space,
        method: 'create',
        at: now().getTime(),
        status,
        ...(requestId ? { requestId } : {}),
        ...(messageName ? { messageName } : {}),
      });

    if (requestId && byRequestId.has(`${space}|${requestId}`)) {
      const existing = messages.get(byRequestId.get(`${space}|${requestId}`)!)!;
      record(200, existing.name);
      return json(response, 200, existing);
    }
    const invalid = validateContent(body, true);
    if (invalid) {
      record(400);
      return fail(response, 400, 'INVALID_ARGUMENT', invalid);
    }
    const option = query.get('messageReplyOption') ?? 'MESSAGE_REPLY_OPTION_UNSPECIFIED';
    const requested = (body['thread'] ?? {}) as { name?: string; threadKey?: string };
    const threadKey = requested.threadKey ?? query.get('threadKey') ?? undefined;
    let threadName: string | undefined;
    if (option !== 'MESSAGE_REPLY_OPTION_UNSPECIFIED') {
      if (requested.name && [...messages.values()].some((m) => m.thread.name === requested.name)) {
        threadName = requested.name;
      } else if (threadKey && threadsByKey.has(`${space}|${threadKey}`)) {
        threadName = threadsByKey.get(`${space}|${threadKey}`);
      } else if (option === 'REPLY_MESSAGE_OR_FAIL') {
        record(404);
        return fail(response, 404, 'NOT_FOUND', 'Thread not found.');
      }
    }
    threadName ??= `${space}/threads/${randomBytes(6).toString('hex')}`;
    if (threadKey) threadsByKey.set(`${space}|${threadKey}`, threadName);

    const clientId = query.get('messageId');
    if (clientId && !/^client-[a-z0-9-]{1,56}$/.test(clientId)) {
      record(400);
      return fail(response, 400, 'INVALID_ARGUMENT', 'Custom message IDs must begin with "client-".');
    }
    const name = `${space}/messages/${clientId ?? id()}`;
    const message: FakeMessage = {
      name,
      ...(typeof body['text'] === 'string' ? { text: body['text'] } : {}),
      ...(Array.isArray(body['cardsV2']) ? { cardsV2: body['cardsV2'] as FakeMessage['cardsV2'] } : {}),
      ...(body['privateMessageViewer']
        ? { privateMessageViewer: body['privateMessageViewer'] as { name: string } }
        : {}),
      thread: { name: threadName, ...(threadKey ? { threadKey } : {}) },
      space: { name: space },
      sender: { name: 'users/app', type: 'BOT' },
      createTime: now().toISOString(),
    };
    messages.set(name, message);
    if (requestId) byRequestId.set(`${space}|${requestId}`, name);
    record(200, name);
    json(response, 200, message);
  }

  function patch(
    space: string,
    name: string,
    query: URLSearchParams,
    body: Record<string, unknown>,
    response: ServerResponse,
  ) {
    const updateMask = query.get('updateMask') ?? '';
    if (throttled(space, { space, method: 'patch', messageName: name, updateMask }, response)) return;
    const record = (status: number) =>
      writes.push({ space, method: 'patch', at: now().getTime(), status, messageName: name, updateMask });
    const fields = updateMask
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean);
    if (fields.length === 0 || fields.some((f) => f !== '*' && !WRITABLE_FIELDS.has(f))) {
      record(400);
      return fail(response, 400, 'INVALID_ARGUMENT', `Invalid update mask: "${updateMask}"`);
    }
    const message = messages.get(name);
    if (!message) {
      record(404);
      return fail(response, 404, 'NOT_FOUND', 'Message not found.');
    }
    if (message.sender.type !== 'BOT') {
      record(403);
      return fail(response, 403, 'PERMISSION_DENIED', 'A Chat app can only update its own messages.');
    }
    const invalid = validateContent(body, false);
    if (invalid) {
      record(400);
      return fail(response, 400, 'INVALID_ARGUMENT', invalid);
    }
    const all = fields.includes('*');
    if (all || fields.includes('text')) {
      if (typeof body['text'] === 'string') message.text = body['text'];
      else delete message.text;
    }
    if (all || fields.includes('cards_v2') || fields.includes('cardsV2')) {
      if (Array.isArray(body['cardsV2']) && body['cardsV2'].length > 0)
        message.cardsV2 = body['cardsV2'] as FakeMessage['cardsV2'];
      else delete message.cardsV2;
    }
    message.lastUpdateTime = now().toISOString();
    record(200);
    json(response, 200, message);
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

  return {
    url,
    writes,
    messages,
    userMessage(space, text, user = 'users/1234567890') {
      const threadName = `${space}/threads/${randomBytes(6).toString('hex')}`;
      const message: FakeMessage = {
        name: `${space}/messages/${id()}`,
        text,
        thread: { name: threadName },
        space: { name: space },
        sender: { name: user, type: 'HUMAN' },
        createTime: now().toISOString(),
      };
      messages.set(message.name, message);
      return message;
    },
    thread: (threadName) => [...messages.values()].filter((m) => m.thread.name === threadName),
    rejectNextWrites(count, rejectOptions = {}) {
      for (let i = 0; i < count; i += 1) rejections.push({ ...rejectOptions });
    },
    limitWritesPerMinute(perMinute) {
      perMinuteLimit = perMinute;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Chat rejects empty messages, text over 4,096 characters and cards over 32 KB. */
function validateContent(body: Record<string, unknown>, creating: boolean): string | null {
  const text = body['text'];
  const cards = body['cardsV2'];
  if (text !== undefined && typeof text !== 'string') return 'text must be a string';
  if (typeof text === 'string' && text.length > MAX_TEXT)
    return `Message text exceeds ${MAX_TEXT} characters.`;
  if (cards !== undefined && !Array.isArray(cards)) return 'cardsV2 must be a list';
  for (const card of (cards as unknown[] | undefined) ?? []) {
    if (typeof card !== 'object' || card === null || typeof (card as { card?: unknown }).card !== 'object') {
      return 'Each cardsV2 entry needs a card.';
    }
    if (Buffer.byteLength(JSON.stringify(card)) > MAX_CARD_BYTES) return 'A card exceeds 32 KB.';
  }
  if (Array.isArray(cards) && cards.length > 1 && cards.some((c) => !(c as { cardId?: unknown }).cardId)) {
    return 'cardId is required when a message has more than one card.';
  }
  const empty =
    (typeof text !== 'string' || text.length === 0) && (!Array.isArray(cards) || cards.length === 0);
  if (creating && empty) return 'Message cannot be empty. Discarding message.';
  return null;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
}

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  response.end(JSON.stringify(body));
}

function fail(
  response: ServerResponse,
  code: number,
  status: string,
  message: string,
  headers: Record<string, string> = {},
) {
  response.writeHead(code, { 'content-type': 'application/json; charset=UTF-8', ...headers });
  response.end(JSON.stringify({ error: { code, message, status } }));
}
