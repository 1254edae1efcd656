/**
 * The Web API methods the fake Slack implements, with the argument checks and error
 * codes Slack documents for them (https://docs.slack.dev/reference/methods/…).
 */
import type { FakeMessage, FakeSlackState, OAuthGrant, TokenInfo } from './fake-slack.ts';
import { usersInfo, viewsOpen } from './admin-methods.ts';
import type { Params } from './wire.ts';

type Result = Record<string, unknown> & { ok: boolean };

const fail = (error: string, extra: Record<string, unknown> = {}): Result => ({ ok: false, error, ...extra });

/** Slack rejects messages with more than 50 blocks and text over 40,000 characters. */
const MAX_BLOCKS = 50;
const MAX_TEXT = 40_000;

export function handleMethod(
  state: FakeSlackState,
  method: string,
  params: Params,
  token: string | null,
  basic: { id: string; secret: string } | null,
): Result {
  if (method === 'oauth.v2.access') return oauthAccess(state, params, basic);

  if (!token) return fail('not_authed');
  const info = state.tokens.get(token);
  if (!info || info.revoked) return fail('invalid_auth');
  if (info.expiresAt !== undefined && state.clock.now().getTime() >= info.expiresAt)
    return fail('token_expired');

  // App-level tokens (xapp-) only open Socket Mode connections; bot methods refuse them.
  if (info.kind === 'app' && method !== 'apps.connections.open') return fail('not_allowed_token_type');
  switch (method) {
    case 'apps.connections.open':
      if (info.kind !== 'app') return fail('not_allowed_token_type');
      return state.socketModeUrl ? { ok: true, url: state.socketModeUrl } : fail('internal_error');
    case 'auth.test':
      return {
        ok: true,
        url: `https://${info.teamId.toLowerCase()}.slack.com/`,
        team: `Team ${info.teamId}`,
        user: info.kind === 'bot' ? 'kotae' : 'installer',
        team_id: info.teamId,
        user_id: info.userId,
        ...(info.botId ? { bot_id: info.botId } : {}),
        is_enterprise_install: false,
      };
    case 'chat.postMessage':
      return postMessage(state, info, params);
    case 'chat.update':
      return updateMessage(state, info, params);
    case 'chat.postEphemeral':
      return postEphemeral(state, params);
    case 'files.getUploadURLExternal':
      return getUploadUrl(state, params);
    case 'files.completeUploadExternal':
      return completeUpload(state, info, params);
    case 'assistant.threads.setStatus':
      return needs(params, ['channel_id', 'thread_ts']) ?? { ok: true };
    case 'assistant.threads.setSuggestedPrompts':
      return needs(params, ['channel_id', 'prompts']) ?? { ok: true };
    case 'assistant.threads.setTitle':
      return needs(params, ['channel_id', 'thread_ts', 'title']) ?? { ok: true };
    case 'users.info':
      return usersInfo(state, params);
    case 'views.open':
      return viewsOpen(state, params);
    default:
      return fail('unknown_method');
  }
}

function needs(params: Params, names: string[]): Result | null {
  const missing = names.find((name) => params[name] === undefined || params[name] === '');
  return missing
    ? fail('invalid_arguments', { response_metadata: { messages: [`missing ${missing}`] } })
    : null;
}

function checkContent(params: Params): Result | null {
  const text = typeof params.text === 'string' ? params.text : undefined;
  const blocks = Array.isArray(params.blocks) ? params.blocks : undefined;
  if (!text && !blocks?.length && !params.attachments) return fail('no_text');
  if (text && text.length > MAX_TEXT) return fail('msg_too_long');
  if (blocks && blocks.length > MAX_BLOCKS) return fail('invalid_blocks');
  return null;
}

function postMessage(state: FakeSlackState, info: TokenInfo, params: Params): Result {
  const problem = needs(params, ['channel']) ?? checkContent(params);
  if (problem) return problem;
  const channel = String(params.channel);
  const threadTs = typeof params.thread_ts === 'string' && params.thread_ts ? params.thread_ts : undefined;
  if (
    threadTs &&
    !state.messages.some((m) => m.channel === channel && m.ts === threadTs) &&
    !threadTs.includes('.')
  ) {
    return fail('invalid_thread_ts');
  }
  const content = contentOf(params);
  const message: FakeMessage = {
    channel,
    ts: state.nextTs(),
    ...(threadTs ? { threadTs } : {}),
    ...content,
    userId: info.userId,
    history: [content],
  };
  state.messages.push(message);
  return {
    ok: true,
    channel,
    ts: message.ts,
    message: { type: 'message', user: info.userId, ...content, ts: message.ts },
  };
}

function updateMessage(state: FakeSlackState, info: TokenInfo, params: Params): Result {
  const problem = needs(params, ['channel', 'ts']) ?? checkContent(params);
  if (problem) return problem;
  const message = state.messages.find((m) => m.channel === params.channel && m.ts === params.ts);
  if (!message) return fail('message_not_found');
  if (message.userId !== info.userId) return fail('cant_update_message');
  const content = contentOf(params);
  Object.assign(message, content);
  message.history.push(content);
  return { ok: true, channel: message.channel, ts: message.ts, text: message.text ?? '' };
}

function postEphemeral(state: FakeSlackState, params: Params): Result {
  const problem = needs(params, ['channel', 'user']) ?? checkContent(params);
  if (problem) return problem;
  state.ephemeral.push({
    channel: String(params.channel),
    user: String(params.user),
    ...(typeof params.thread_ts === 'string' ? { threadTs: params.thread_ts } : {}),
    ...contentOf(params),
  });
  return { ok: true, message_ts: state.nextTs() };
}

function contentOf(params: Params): { text?: string; blocks?: unknown[] } {
  return {
    ...(typeof params.text === 'string' ? { text: params.text } : {}),
    ...(Array.isArray(params.blocks) ? { blocks: params.blocks } : {}),
  };
}

function getUploadUrl(state: FakeSlackState, params: Params): Result {
  const problem = needs(params, ['filename', 'length']);
  if (problem) return problem;
  const length = Number(params.length);
  if (!Number.isInteger(length) || length <= 0) return fail('invalid_arguments');
  const id = `F${String(state.next()).padStart(9, '0')}`;
  state.files.set(id, {
    id,
    filename: String(params.filename),
    length,
    ...(typeof params.alt_text === 'string' ? { altText: params.alt_text } : {}),
    completed: false,
  });
  return { ok: true, upload_url: `${state.baseUrl}/upload/${id}`, file_id: id };
}

function completeUpload(state: FakeSlackState, info: TokenInfo, params: Params): Result {
  const problem = needs(params, ['files']);
  if (problem) return problem;
  if (!Array.isArray(params.files)) return fail('invalid_arguments');
  const done = [];
  for (const entry of params.files as Array<{ id?: string; title?: string }>) {
    const file = entry.id ? state.files.get(entry.id) : undefined;
    // Slack refuses to complete an upload whose bytes never arrived (or arrived short).
    if (!file || !file.bytes || file.bytes.length !== file.length) return fail('file_not_found');
    file.completed = true;
    if (entry.title) file.title = entry.title;
    if (typeof params.channel_id === 'string') file.channel = params.channel_id;
    if (typeof params.thread_ts === 'string') file.threadTs = params.thread_ts;
    done.push({
      id: file.id,
      name: file.filename,
      title: file.title ?? file.filename,
      user: info.userId,
      size: file.length,
      permalink: `https://fake.slack.com/files/${info.userId}/${file.id}/${file.filename}`,
    });
  }
  return { ok: true, files: done };
}

function oauthAccess(
  state: FakeSlackState,
  params: Params,
  basic: { id: string; secret: string } | null,
): Result {
  const clientId = basic?.id ?? params.client_id;
  const clientSecret = basic?.secret ?? params.client_secret;
  if (clientId !== state.clientId) return fail('invalid_client_id');
  if (clientSecret !== state.clientSecret) return fail('bad_client_secret');

  if (params.grant_type === 'refresh_token') {
    const used =
      typeof params.refresh_token === 'string' ? state.refreshTokens.get(params.refresh_token) : undefined;
    if (!used) return fail('invalid_refresh_token');
    // A refresh token works once; the answer carries its successor.
    state.refreshTokens.delete(params.refresh_token as string);
    const tokens = issueTokens(state, used.grant, used.kind);
    return {
      ok: true,
      app_id: state.appId,
      access_token: tokens.access,
      refresh_token: tokens.refresh,
      expires_in: used.grant.expiresInSeconds,
      token_type: used.kind,
      team: { id: used.grant.teamId, name: used.grant.teamName },
      enterprise: null,
      is_enterprise_install: false,
      ...(used.kind === 'bot'
        ? { bot_user_id: used.grant.botUserId, scope: used.grant.scopes.join(',') }
        : {}),
    };
  }

  const grant = typeof params.code === 'string' ? state.codes.get(params.code) : undefined;
  if (!grant) return fail('invalid_code');
  state.codes.delete(params.code as string);
  const bot = issueTokens(state, grant, 'bot');
  const user = grant.userScopes?.length ? issueTokens(state, grant, 'user') : null;
  return {
    ok: true,
    access_token: bot.access,
    token_type: 'bot',
    scope: grant.scopes.join(','),
    bot_user_id: grant.botUserId,
    app_id: state.appId,
    team: { id: grant.teamId, name: grant.teamName },
    enterprise: grant.enterpriseId ? { id: grant.enterpriseId, name: 'Enterprise' } : null,
    is_enterprise_install: false,
    ...(bot.refresh ? { refresh_token: bot.refresh, expires_in: grant.expiresInSeconds } : {}),
    authed_user: {
      id: grant.installerUserId,
      ...(user
        ? {
            scope: grant.userScopes!.join(','),
            access_token: user.access,
            token_type: 'user',
            ...(user.refresh ? { refresh_token: user.refresh, expires_in: grant.expiresInSeconds } : {}),
          }
        : {}),
    },
  };
}

function issueTokens(
  state: FakeSlackState,
  grant: OAuthGrant,
  kind: 'bot' | 'user',
): { access: string; refresh?: string } {
  const rotating = grant.expiresInSeconds !== undefined;
  const prefix = kind === 'bot' ? (rotating ? 'xoxe.xoxb' : 'xoxb') : rotating ? 'xoxe.xoxp' : 'xoxp';
  const access = state.issueToken(prefix, {
    teamId: grant.teamId,
    kind,
    userId: kind === 'bot' ? grant.botUserId : grant.installerUserId,
    ...(kind === 'bot' ? { botId: grant.botId } : {}),
    appId: state.appId,
    ...(rotating ? { expiresAt: state.clock.now().getTime() + grant.expiresInSeconds! * 1000 } : {}),
  });
  if (!rotating) return { access };
  const refresh = `xoxe-1-${kind}-${state.next()}-${Math.random().toString(36).slice(2, 12)}`;
  state.refreshTokens.set(refresh, { grant, kind });
  return { access, refresh };
}
