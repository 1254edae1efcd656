/**
 * The real @googleapis/chat client, pointed at the fake Chat API. The auth client holds a
 * fixed access token, as a service account's would after its token exchange.
 */
import { OAuth2Client } from 'google-auth-library';
import { createChatApiClient, type ChatApi } from '../../../src/bot/gchat/gchat-client.ts';

export function fakeChatAuth(): OAuth2Client {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: 'fake-app-access-token', expiry_date: Date.now() + 24 * 3600_000 });
  return auth;
}

export function chatApiClientFor(rootUrl: string): ChatApi {
  return createChatApiClient({ auth: fakeChatAuth(), rootUrl });
}
