/**
 * The `/kotae …` command router, shared by Slack and Google Chat (and the console).
 * It answers at once with a Reply; platforms show it ephemerally where they can.
 */
import type { CommandEvent } from '../chat-event.ts';
import type { Reply } from '../reply.ts';
import type { UploadedFile } from './chat-platform.ts';

export interface CommandResult {
  reply: Reply;
  /** Only the caller should see the reply (Slack ephemeral, Chat private message). */
  ephemeral: boolean;
  /** A form the platform opens for the caller alone (`/kotae keys`: the LLM key form). */
  form?: 'llm_keys';
  /** Set when the command queued a question (e.g. `/kotae ask …`). */
  taskId?: string;
  /** Where the reply's chart can be fetched (a signed URL), for platforms that show it by URL. */
  chart?: UploadedFile;
}

export interface CommandRouter {
  handle(command: CommandEvent): Promise<CommandResult>;
}
