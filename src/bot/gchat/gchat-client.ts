/**
 * The Google Chat REST client (@googleapis/chat), authenticated as the app: a service
 * account with the `chat.bot` scope. A Chat app posts and edits its own messages this way;
 * it cannot upload attachments (media.upload needs user authentication).
 */
import { auth as googleAuth, chat, type chat_v1 } from '@googleapis/chat';

export type ChatApi = chat_v1.Chat;
export type ChatApiMessage = chat_v1.Schema$Message;

export const CHAT_BOT_SCOPE = 'https://www.googleapis.com/auth/chat.bot';

export interface ChatApiClientOptions {
  /** An auth client; by default Application Default Credentials with the chat.bot scope. */
  auth?: chat_v1.Options['auth'];
  /** A service account key file, when not using ADC. */
  keyFile?: string;
  /** Override for tests (a local fake of the Chat API). */
  rootUrl?: string;
}

export function createChatApiClient(options: ChatApiClientOptions = {}): ChatApi {
  const auth =
    options.auth ??
    new googleAuth.GoogleAuth({
      scopes: [CHAT_BOT_SCOPE],
      ...(options.keyFile ? { keyFile: options.keyFile } : {}),
    });
  return chat({
    version: 'v1',
    auth,
    ...(options.rootUrl ? { rootUrl: options.rootUrl } : {}),
    // Our write limiter owns retries and backoff; gaxios would otherwise retry GETs on its own timers.
    retry: false,
  });
}
