/**
 * Plays Google's side of a Pub/Sub push between the emulator and our endpoint. The
 * emulator delivers push requests but attaches no OIDC token (real Pub/Sub does), so this
 * small proxy adds one, signed by the fake Google key, as the push service account, for
 * the audience; `mode` switches to a forged or a missing token. It records each delivery
 * (message id and the status our endpoint answered) and forwards to `target`, which a
 * test can repoint when a worker dies (502 while nothing listens).
 */
import { createServer, request as httpRequest } from 'node:http';
import type { GoogleSigner } from '../fakes/gchat/google-signer.ts';

export interface PushFrontEnd {
  url: string;
  target: string;
  mode: 'valid' | 'forged' | 'none';
  deliveries: Array<{ messageId: string; status: number }>;
  close(): Promise<void>;
}

export async function startPushFrontEnd(options: {
  google: GoogleSigner;
  attacker: GoogleSigner;
  audience: string;
  serviceAccount: string;
}): Promise<PushFrontEnd> {
  const token = (signer: GoogleSigner) => {
    const iat = Math.floor(Date.now() / 1000);
    return signer.sign(
      {
        iss: 'https://accounts.google.com',
        aud: options.audience,
        sub: '10987654321',
        email: options.serviceAccount,
        email_verified: true,
        iat,
        exp: iat + 3600,
      },
      { kid: options.google.kid },
    );
  };
  const state: PushFrontEnd = {
    url: '',
    target: '',
    mode: 'valid',
    deliveries: [],
    close: async () => {},
  };
  const server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
    incoming.on('end', () => {
      const body = Buffer.concat(chunks);
      const messageId = String(
        (JSON.parse(body.toString('utf8')) as { message?: { messageId?: string } }).message?.messageId,
      );
      const record = (status: number) => {
        state.deliveries.push({ messageId, status });
        outgoing.writeHead(status).end();
      };
      const authorization =
        state.mode === 'none'
          ? {}
          : { authorization: `Bearer ${token(state.mode === 'valid' ? options.google : options.attacker)}` };
      const forward = httpRequest(
        `${state.target}${incoming.url}`,
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'content-length': body.length, ...authorization },
        },
        (response) => {
          response.resume();
          response.on('end', () => record(response.statusCode ?? 502));
        },
      );
      forward.on('error', () => record(502));
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  state.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  state.close = () =>
    new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
