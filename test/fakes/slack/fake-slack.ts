/**
 * A local Slack Web API on 127.0.0.1 that follows the documented methods closely enough
 * for the real @slack/web-api client (and Bolt, and @slack/oauth) to talk to it:
 * chat.postMessage/update/postEphemeral, files.getUploadURLExternal → upload URL →
 * files.completeUploadExternal, assistant.threads.*, oauth.v2.access (code and
 * refresh_token grants), auth.test, and `response_url`s. It records every call, keeps the
 * messages and files it was given, and answers 429 + Retry-After when told to.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Clock } from '../../../src/core/clock.ts';
import type { FakeUser, OpenedView } from './admin-methods.ts';
import { handleMethod } from './methods.ts';
import { basicAuth, bearerToken, parseParams, readBody, sendJson, type Params } from './wire.ts';

export interface TokenInfo {
  teamId: string;
  enterpriseId?: string;
  kind: 'bot' | 'user' | 'app';
  userId: string;
  botId?: string;
  appId: string;
  /** Epoch ms after which Slack answers `token_expired`. */
  expiresAt?: number;
  revoked?: boolean;
}

export interface RecordedCall {
  seq: number;
  /** The fake's clock when the call arrived (ms). */
  at: number;
  method: string;
  params: Params;
  token: string | null;
  status: number;
  ok: boolean;
  error?: string;
}

export interface FakeMessage {
  channel: string;
  ts: string;
  threadTs?: string;
  text?: string;
  blocks?: unknown[];
  userId: string;
  /** Every version of the message, oldest first. */
  history: Array<{ text?: string; blocks?: unknown[] }>;
}

export interface FakeFile {
  id: string;
  filename: string;
  length: number;
  title?: string;
  altText?: string;
  bytes?: Buffer;
  channel?: string;
  threadTs?: string;
  completed: boolean;
}

export interface RateLimitRule {
  method?: string;
  channel?: string;
  retryAfterSeconds: number;
  /** How many matching calls to refuse. */
  times: number;
}

export interface OAuthGrant {
  teamId: string;
  teamName: string;
  enterpriseId?: string;
  botUserId: string;
  botId: string;
  installerUserId: string;
  scopes: string[];
  userScopes?: string[];
  /** Token rotation: access tokens expire after this many seconds and come with a refresh token. */
  expiresInSeconds?: number;
}

export interface FakeSlackOptions {
  clientId?: string;
  clientSecret?: string;
  appId?: string;
  clock?: Clock;
}

export class FakeSlackState {
  readonly tokens = new Map<string, TokenInfo>();
  readonly refreshTokens = new Map<string, { grant: OAuthGrant; kind: 'bot' | 'user' }>();
  readonly codes = new Map<string, OAuthGrant>();
  readonly calls: RecordedCall[] = [];
  readonly messages: FakeMessage[] = [];
  readonly ephemeral: Array<{
    channel: string;
    user: string;
    threadTs?: string;
    text?: string;
    blocks?: unknown[];
  }> = [];
  readonly files = new Map<string, FakeFile>();
  readonly responseUrlPosts: Array<{ id: string; body: Params }> = [];
  readonly rateLimits: RateLimitRule[] = [];
  readonly users = new Map<string, FakeUser>();
  readonly triggers = new Map<string, number>();
  readonly views: OpenedView[] = [];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly appId: string;
  readonly clock: Clock;
  baseUrl = '';
  /** Set by the Socket Mode fake: what apps.connections.open hands out. */
  socketModeUrl = '';
  private counter = 0;

  constructor(options: FakeSlackOptions) {
    this.clientId = options.clientId ?? '1111.2222';
    this.clientSecret = options.clientSecret ?? 'fake-client-secret';
    this.appId = options.appId ?? 'A0KOTAE';
    this.clock = options.clock ?? { now: () => new Date() };
  }

  next(): number {
    this.counter += 1;
    return this.counter;
  }

  /** Slack's message ids: seconds.microseconds, unique per channel and increasing. */
  nextTs(): string {
    const n = this.next();
    return `${1_767_000_000 + n}.${String(n).padStart(6, '0')}`;
  }

  issueToken(prefix: string, info: TokenInfo): string {
    const token = `${prefix}-${info.teamId}-${this.next()}-${Math.random().toString(36).slice(2, 12)}`;
    this.tokens.set(token, info);
    return token;
  }
}

export interface FakeSlack {
  readonly url: string;
  /** Pass as WebClient's `slackApiUrl`. */
  readonly apiUrl: string;
  readonly state: FakeSlackState;
  /** A bot token for a workspace, as a single-workspace app would be configured with. */
  addBot(teamId: string, options?: { botUserId?: string; botId?: string; expiresAt?: number }): string;
  /** A one-time OAuth code that oauth.v2.access will exchange for this grant. */
  addOAuthCode(code: string, grant: OAuthGrant): void;
  rateLimit(rule: RateLimitRule): void;
  /** A workspace member users.info knows, with their Slack roles. */
  addUser(teamId: string, userId: string, roles?: { isOwner?: boolean; isAdmin?: boolean }): void;
  /** A trigger_id as Slack puts in a slash command or interaction, valid for 3 s from now. */
  issueTrigger(): string;
  calls(method?: string): RecordedCall[];
  messages(channel?: string): FakeMessage[];
  responseUrl(id: string): string;
  close(): Promise<void>;
}

export async function startFakeSlack(options: FakeSlackOptions = {}): Promise<FakeSlack> {
  const state = new FakeSlackState(options);
  const server: Server = createServer((request, response) => {
    route(state, request, response).catch((error: unknown) => {
      sendJson(response, 500, { ok: false, error: 'fatal_error', detail: String(error) });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.baseUrl = `http://127.0.0.1:${port}`;

  return {
    url: state.baseUrl,
    apiUrl: `${state.baseUrl}/api/`,
    state,
    addBot(teamId, bot = {}) {
      return state.issueToken('xoxb', {
        teamId,
        kind: 'bot',
        userId: bot.botUserId ?? `U${teamId}BOT`,
        botId: bot.botId ?? `B${teamId}`,
        appId: state.appId,
        ...(bot.expiresAt === undefined ? {} : { expiresAt: bot.expiresAt }),
      });
    },
    addOAuthCode: (code, grant) => void state.codes.set(code, grant),
    rateLimit: (rule) => void state.rateLimits.push({ ...rule }),
    addUser: (teamId, userId, roles = {}) =>
      void state.users.set(userId, {
        teamId,
        name: userId.toLowerCase(),
        isOwner: roles.isOwner ?? false,
        isAdmin: roles.isAdmin ?? false,
      }),
    issueTrigger() {
      const id = `${state.next()}.${1_000_000 + state.next()}.${Math.random().toString(16).slice(2, 18)}`;
      state.triggers.set(id, state.clock.now().getTime());
      return id;
    },
    calls: (method) => state.calls.filter((call) => method === undefined || call.method === method),
    messages: (channel) =>
      state.messages.filter((message) => channel === undefined || message.channel === channel),
    responseUrl: (id) => `${state.baseUrl}/response/${id}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

async function route(
  state: FakeSlackState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', state.baseUrl);
  const raw = await readBody(request);

  const upload = /^\/upload\/(F\w+)$/.exec(url.pathname);
  if (upload && request.method === 'POST') return receiveUpload(state, upload[1]!, request, raw, response);

  const responseUrl = /^\/response\/([\w-]+)$/.exec(url.pathname);
  if (responseUrl && request.method === 'POST') {
    state.responseUrlPosts.push({ id: responseUrl[1]!, body: await parseParams(request, raw) });
    return sendJson(response, 200, { ok: true });
  }

  const api = /^\/api\/([\w.]+)$/.exec(url.pathname);
  if (!api) return sendJson(response, 404, { ok: false, error: 'not_found' });
  const method = api[1]!;
  const params = await parseParams(request, raw);
  const token = bearerToken(request, params);
  const seq = state.next();
  const at = state.clock.now().getTime();

  const limit = takeRateLimit(state, method, params);
  if (limit) {
    state.calls.push({ seq, at, method, params, token, status: 429, ok: false, error: 'ratelimited' });
    return sendJson(response, 429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(limit) });
  }
  const result = handleMethod(state, method, params, token, basicAuth(request));
  const error = result.ok ? undefined : String(result.error);
  state.calls.push({
    seq,
    at,
    method,
    params,
    token,
    status: 200,
    ok: result.ok === true,
    ...(error ? { error } : {}),
  });
  return sendJson(response, 200, result);
}

function takeRateLimit(state: FakeSlackState, method: string, params: Params): number | null {
  const channel = String(params.channel ?? params.channel_id ?? '');
  const rule = state.rateLimits.find(
    (candidate) =>
      candidate.times > 0 &&
      (candidate.method === undefined || candidate.method === method) &&
      (candidate.channel === undefined || candidate.channel === channel),
  );
  if (!rule) return null;
  rule.times -= 1;
  return rule.retryAfterSeconds;
}

async function receiveUpload(
  state: FakeSlackState,
  fileId: string,
  request: IncomingMessage,
  raw: Buffer,
  response: ServerResponse,
): Promise<void> {
  const file = state.files.get(fileId);
  if (!file) return sendJson(response, 404, { ok: false, error: 'file_not_found' });
  // The upload URL takes the bytes either raw or as a multipart form (the SDK sends a form).
  let bytes = raw;
  if (String(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) {
    const params = await parseParams(request, raw);
    const part = Object.values(params).find((value): value is Buffer => Buffer.isBuffer(value));
    if (!part) return sendJson(response, 400, { ok: false, error: 'no_file_data' });
    bytes = part;
  }
  file.bytes = bytes;
  response.writeHead(200, { 'content-type': 'text/plain' });
  response.end(`OK - ${bytes.length}`);
}
