/**
 * A plain MessageContent → Chat message converter for tests that exercise the transport,
 * not the layout (the real one is src/render/gchat-cards.ts): status as text lines, a
 * reply as its text plus an image card when a chart URL is known.
 */
import type { ChatMessageBody } from '../../src/bot/gchat/gchat-platform.ts';
import type { MessageContent } from '../../src/core/ports/chat-platform.ts';

export function testChatRender(content: MessageContent): ChatMessageBody[] {
  if (content.kind === 'status') {
    return [{ text: [content.text, ...content.steps.map((step) => `• ${step}`)].join('\n') }];
  }
  const url = content.chart?.url;
  return [
    {
      text: content.reply.text,
      ...(url
        ? {
            cardsV2: [
              {
                cardId: 'chart',
                card: {
                  sections: [
                    { widgets: [{ image: { imageUrl: url, altText: content.reply.chart?.altText ?? '' } }] },
                  ],
                },
              },
            ],
          }
        : {}),
    },
  ];
}
