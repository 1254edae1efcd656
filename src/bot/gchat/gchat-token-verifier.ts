/**
 * Checks a request's Authorization header against Google's current keys: the one step
 * between "bytes arrived" and "this is Google Chat". google-auth-library fetches the keys
 * and keeps them for the response's Cache-Control max-age; a token signed with a key we
 * have not seen makes us fetch once more (Google rotates keys), at most once a minute so
 * garbage tokens cannot turn us into a load generator against Google; when a fetch fails,
 * the last keys fetched stay in use. Fails closed: no
 * audience, no keys or any doubt about the token means the event is refused.
 */
import { OAuth2Client } from 'google-auth-library';
import type { Clock } from '../../core/clock.ts';
import {
  bearerToken,
  toPemCertificates,
  verifyChatToken,
  type ChatAudience,
  type PemCertificates,
  type TokenVerdict,
} from './gchat-verify.ts';
import { KotaeError } from '../../core/errors.ts';

export const CHAT_CERTS_URL =
  'https://www.googleapis.com/service_accounts/v1/metadata/x509/chat@system.gserviceaccount.com';
export const GOOGLE_OAUTH_CERTS_URL = 'https://www.googleapis.com/oauth2/v1/certs';

export interface ChatTokenVerifier {
  verify(
    authorization: string | undefined,
  ): Promise<TokenVerdict | { ok: false; reason: 'keys_unavailable' }>;
}

export interface ChatTokenVerifierOptions {
  audience: ChatAudience;
  /** Paces forced key refreshes. */
  clock: Clock;
  /** Where the keys come from; defaults to Google's URL for the audience mode. */
  certificatesUrl?: string;
}

const MIN_REFRESH_INTERVAL_MS = 60_000;

export function createChatTokenVerifier(options: ChatTokenVerifierOptions): ChatTokenVerifier {
  assertAudience(options.audience);
  const url =
    options.certificatesUrl ??
    (options.audience.mode === 'project-number' ? CHAT_CERTS_URL : GOOGLE_OAUTH_CERTS_URL);
  const client = new OAuth2Client({ endpoints: { oauth2FederatedSignonPemCertsUrl: url } });
  let refreshedAt = Number.NEGATIVE_INFINITY;
  let lastGood: PemCertificates | null = null;

  async function certs(force: boolean): Promise<PemCertificates | null> {
    if (force) {
      const now = options.clock.now().getTime();
      if (now - refreshedAt < MIN_REFRESH_INTERVAL_MS) return null;
      refreshedAt = now;
      Object.assign(client, { certificateExpiry: null });
    }
    try {
      lastGood = toPemCertificates((await client.getFederatedSignonCertsAsync()).certs);
    } catch (error) {
      // Keys Google published recently stay valid for a while; better stale than down.
      if (!lastGood) throw error;
    }
    return lastGood;
  }

  return {
    async verify(authorization) {
      const token = bearerToken(authorization);
      if (!token) return { ok: false, reason: 'missing' };
      const check = (current: PemCertificates) =>
        verifyChatToken(token, { audience: options.audience, certs: current });
      let verdict: TokenVerdict;
      try {
        verdict = await check((await certs(false))!);
        if (!verdict.ok && verdict.reason === 'unknown_key') {
          const fresh = await certs(true);
          if (fresh) verdict = await check(fresh);
        }
      } catch {
        return { ok: false, reason: 'keys_unavailable' };
      }
      return verdict;
    },
  };
}

/** Refuses to build a verifier that would accept anything. */
export function assertAudience(audience: ChatAudience | undefined): asserts audience is ChatAudience {
  if (!audience)
    throw new KotaeError(
      'config_invalid',
      'Google Chat needs an authentication audience (project number or endpoint URL).',
    );
  if (audience.mode === 'project-number' && !/^\d+$/.test(audience.projectNumber)) {
    throw new KotaeError(
      'config_invalid',
      'The Google Chat project number must be the numeric Cloud project number.',
    );
  }
  if (audience.mode === 'endpoint-url' && !/^https?:\/\/\S+$/.test(audience.url)) {
    throw new KotaeError(
      'config_invalid',
      'The Google Chat endpoint URL audience must be the exact https URL configured in the Chat API.',
    );
  }
}
