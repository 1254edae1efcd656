/**
 * Cloud Scheduler for digest tests: a fake Google certs endpoint, the env that points
 * Kotae's tick route at it (and turns the in-process timer off), and a tick signed as the
 * scheduler's service account. The token's times are real ones (the verifier's library
 * checks them against the system clock), so a test may tick with Kotae's clock anywhere.
 */
import { startFakeGoogleCerts } from '../fakes/gchat/fake-google-certs.ts';
import { createGoogleSigner } from '../fakes/gchat/google-signer.ts';

const AUDIENCE = 'https://kotae.example/internal/digests/tick';
const SCHEDULER = 'scheduler@kotae.iam.gserviceaccount.com';

export interface DigestScheduler {
  /** Env for startTestKotae: tick route on, timer off. */
  env: Record<string, string>;
  /** POSTs /internal/digests/tick as Cloud Scheduler; returns the route's JSON answer. */
  tick(kotaeUrl: string): Promise<{ status: number; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startDigestScheduler(): Promise<DigestScheduler> {
  const google = createGoogleSigner();
  const certs = await startFakeGoogleCerts(google);
  return {
    env: {
      DIGEST_TICK_AUDIENCE: AUDIENCE,
      DIGEST_TICK_SERVICE_ACCOUNT: SCHEDULER,
      DIGEST_TICK_CERTS_URL: certs.oauthCertsUrl,
      DIGEST_TIMER: 'off',
    },
    async tick(kotaeUrl) {
      const iat = Math.floor(Date.now() / 1000);
      const token = google.sign({
        iss: 'https://accounts.google.com',
        aud: AUDIENCE,
        email: SCHEDULER,
        email_verified: true,
        iat,
        exp: iat + 600,
      });
      const response = await fetch(`${kotaeUrl}/internal/digests/tick`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    },
    close: () => certs.close(),
  };
}
