/**
 * A chat platform that records what it was asked to do: a fake of the port, for worker
 * tests that need to see every post and upload (no platform deduplicates anything here).
 */
import type { ThreadRef } from '../../src/core/chat-event.ts';
import type { ChatPlatform, FileUpload, MessageContent } from '../../src/core/ports/chat-platform.ts';

export function recordingPlatform(options: { postDelayMs?: number } = {}) {
  const posts: Array<{ thread: ThreadRef; content: MessageContent }> = [];
  const uploads: Array<{ thread: ThreadRef; file: FileUpload }> = [];
  const updates: Array<{ messageId: string; content: MessageContent }> = [];
  const platform: ChatPlatform = {
    async post(thread, content) {
      posts.push({ thread, content });
      const messageId = `msg-${posts.length}`;
      if (options.postDelayMs) await new Promise((resolve) => setTimeout(resolve, options.postDelayMs));
      return { thread, messageId };
    },
    async update(message, content) {
      updates.push({ messageId: message.messageId, content });
    },
    async upload(thread, file) {
      uploads.push({ thread, file });
      return { fileId: `file-${uploads.length}`, shownInThread: true };
    },
  };
  return { platform, posts, uploads, updates };
}
