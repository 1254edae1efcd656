/**
 * A plain MessageContent → Slack converter for tests of the Slack adapter while the real
 * converter (src/render/slack-blocks.ts) is built elsewhere. It does what the adapter
 * relies on: a fallback text, valid Block Kit, and splitting text longer than `maxChars`
 * into several messages.
 */
import type { MessageContent } from '../../src/core/ports/chat-platform.ts';
import type { SlackMessagePayload } from '../../src/bot/slack/message-payload.ts';

export function plainSlackRenderer(maxChars = 3000) {
  return (content: MessageContent): SlackMessagePayload[] => {
    const text =
      content.kind === 'status'
        ? [content.text, ...content.steps.map((step) => `• ${step}`)].join('\n')
        : content.reply.text;
    const chunks: string[] = [];
    for (let start = 0; start < text.length; start += maxChars)
      chunks.push(text.slice(start, start + maxChars));
    if (chunks.length === 0) chunks.push(' ');
    return chunks.map((chunk) => ({
      text: chunk,
      blocks: [{ type: 'section', text: { type: 'mrkdwn', text: chunk } }],
    }));
  };
}
