/**
 * Checks a request's Authorization header against Google's current keys: the one step
 * between "bytes arrived" and "this is Google Chat". Fails closed: no audience, no keys
 * or any doubt about the token means the event is refused.
 */
import type { Clock } from '../../core/clock.ts';
import { CHAT_CERTS_URL, createGoogleCertificates, GOOGLE_OAUTH_CERTS_URL } from './google-certificates.ts';
import { bearerToken, verifyChatToken, type ChatAudience, type TokenVerdict } from './verify-chat-token.ts';

export interface ChatTokenVerifier {
  verify(
    authorization: string | undefined,
  ): Promise<TokenVerdict | { ok: false; reason: 'keys_unavailable' }>;
}

export interface ChatTokenVerifierOptions {
  audience: ChatAudience;
  clock: Clock;
  /** Where the keys come from; defaults to Google's URL for the audience mode. */
  certificatesUrl?: string;
  fetch?: typeof fetch;
}

export function createChatTokenVerifier(options: ChatTokenVerifierOptions): ChatTokenVerifier {
  assertAudience(options.audience);
  const certificates = createGoogleCertificates({
    url:
      options.certificatesUrl ??
      (options.audience.mode === 'project-number' ? CHAT_CERTS_URL : GOOGLE_OAUTH_CERTS_URL),
    clock: options.clock,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    async verify(authorization) {
      const token = bearerToken(authorization);
      if (!token) return { ok: false, reason: 'missing' };
      try {
        const check = (keys: Awaited<ReturnType<typeof certificates.keys>>) =>
          verifyChatToken(token, { audience: options.audience, keys, now: options.clock.now() });
        const verdict = check(await certificates.keys());
        // Google rotates keys: a new kid means our copy is old, so fetch once more.
        if (!verdict.ok && verdict.reason === 'unknown_key') return check(await certificates.refresh());
        return verdict;
      } catch {
        return { ok: false, reason: 'keys_unavailable' };
      }
    },
  };
}

/** Refuses to build a verifier that would accept anything. */
export function assertAudience(audience: ChatAudience | undefined): asserts audience is ChatAudience {
  if (!audience)
    throw new Error('Google Chat needs an authentication audience (project number or endpoint URL).');
  if (audience.mode === 'project-number' && !/^\d+$/.test(audience.projectNumber)) {
    throw new Error('The Google Chat project number must be the numeric Cloud project number.');
  }
  if (audience.mode === 'endpoint-url' && !/^https?:\/\/\S+$/.test(audience.url)) {
    throw new Error(
      'The Google Chat endpoint URL audience must be the exact https URL configured in the Chat API.',
    );
  }
}
