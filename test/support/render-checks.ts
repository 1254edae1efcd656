/**
 * Platform limits asserted on converter output, and helpers that read the visible text
 * back out of it. Limits: Slack Block Kit reference (docs.slack.dev/reference/block-kit),
 * Google Chat create-messages guide and Card reference.
 */
import type { SlackMessage } from '../../src/render/slack-block-types.ts';
import type { ChatMessage } from '../../src/render/gchat-card-types.ts';
import { blocksToPlain, parseMarkdown } from '../../src/render/markdown.ts';

export function slackProblems(messages: SlackMessage[]): string[] {
  const problems: string[] = [];
  if (messages.length === 0) problems.push('no messages');
  messages.forEach((message, m) => {
    const at = `message ${m + 1}`;
    if (message.blocks.length === 0) problems.push(`${at}: no blocks`);
    if (message.blocks.length > 50) problems.push(`${at}: ${message.blocks.length} blocks > 50`);
    const json = JSON.stringify(message.blocks).length;
    if (json > 13_000) problems.push(`${at}: blocks JSON ${json} > 13000`);
    if (message.text.trim() === '' || message.text.length > 40_000) problems.push(`${at}: bad text length`);
    if (message.blocks.filter((block) => block.type === 'table').length > 1)
      problems.push(`${at}: two tables`);
    for (const block of message.blocks) {
      if (block.type === 'section') {
        const text = block.text.text;
        if (text.trim() === '' || text.length > 3000)
          problems.push(`${at}: section text length ${text.length}`);
        if ((text.match(/```/g) ?? []).length % 2 !== 0) problems.push(`${at}: unbalanced code fence`);
      } else if (block.type === 'context') {
        if (block.elements.length === 0 || block.elements.length > 10)
          problems.push(`${at}: context elements`);
        for (const element of block.elements)
          if (element.text.length > 3000) problems.push(`${at}: context text`);
      } else if (block.type === 'actions') {
        if (block.elements.length > 25) problems.push(`${at}: too many actions`);
        for (const button of block.elements) {
          if (button.text.text.length > 75) problems.push(`${at}: button text > 75`);
          if (button.value.length > 2000) problems.push(`${at}: button value > 2000`);
        }
      } else if (block.type === 'table') {
        if (block.rows.length > 100) problems.push(`${at}: table rows > 100`);
        for (const row of block.rows) {
          if (row.length > 20) problems.push(`${at}: table cells > 20`);
          if (row.some((cell) => cell.text.length === 0)) problems.push(`${at}: empty table cell`);
        }
      } else if (block.type === 'image') {
        if (block.alt_text.length === 0 || block.alt_text.length > 2000) problems.push(`${at}: alt_text`);
      }
    }
  });
  return problems;
}

const CHAT_TAGS = new Set(['b', 'i', 'u', 's', 'font', 'a', 'br']);

export function chatProblems(messages: ChatMessage[]): string[] {
  const problems: string[] = [];
  if (messages.length === 0) problems.push('no messages');
  messages.forEach((message, m) => {
    const at = `message ${m + 1}`;
    const bytes = Buffer.byteLength(JSON.stringify(message), 'utf8');
    if (bytes > 32_000) problems.push(`${at}: ${bytes} bytes > 32000`);
    if (message.cardsV2.length === 0) problems.push(`${at}: no card`);
    for (const { card } of message.cardsV2) {
      const widgets = card.sections.flatMap((section) => section.widgets);
      if (widgets.length === 0) problems.push(`${at}: empty card`);
      if (widgets.length > 100) problems.push(`${at}: ${widgets.length} widgets > 100`);
      if (card.sections.some((section) => section.widgets.length === 0))
        problems.push(`${at}: empty section`);
      for (const widget of widgets) {
        if ('textParagraph' in widget) {
          const text = widget.textParagraph.text;
          if (text.trim() === '') problems.push(`${at}: empty paragraph`);
          for (const [, tag] of text.matchAll(/<\/?([a-zA-Z][\w-]*)/g)) {
            if (!CHAT_TAGS.has(tag!.toLowerCase()))
              problems.push(`${at}: tag <${tag}> is not in Chat's card HTML`);
          }
        }
      }
    }
  });
  return problems;
}

function unescapeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Section texts in order, with fences, zero-width spaces and escapes taken out. */
export function slackSectionText(messages: SlackMessage[]): string[] {
  return messages.flatMap((message) =>
    message.blocks.flatMap((block) =>
      block.type === 'section'
        ? [unescapeEntities(block.text.text.replace(/```/g, '').replace(/\u200B/g, ''))]
        : [],
    ),
  );
}

/** Text paragraphs in order, tags stripped and entities decoded. */
export function chatParagraphText(messages: ChatMessage[]): string[] {
  return messages.flatMap((message) =>
    message.cardsV2.flatMap(({ card }) =>
      card.sections.flatMap((section) =>
        section.widgets.flatMap((widget) =>
          'textParagraph' in widget
            ? [unescapeEntities(widget.textParagraph.text.replace(/<br>/g, '\n').replace(/<[^>]+>/g, ''))]
            : [],
        ),
      ),
    ),
  );
}

/** Text without whitespace and list bullets: for "nothing was lost or reordered" comparisons. */
export function visible(text: string): string {
  return text.replace(/[\s•]+/g, '');
}

/** Where two long texts first differ, as a short excerpt (null when equal): readable failures. */
export function firstDifference(actual: string, expected: string): string | null {
  if (actual === expected) return null;
  let i = 0;
  while (i < actual.length && actual[i] === expected[i]) i += 1;
  const around = (text: string) => JSON.stringify(text.slice(Math.max(0, i - 40), i + 40));
  return `at ${i} (lengths ${actual.length}/${expected.length}): got ${around(actual)}, expected ${around(expected)}`;
}

/**
 * How pieces of a split answer fall short of the Markdown source: a difference in the
 * visible text (something lost or reordered), or words that are not the source's words
 * (a cut inside a word). Empty when the split is clean.
 */
export function splitProblems(pieces: string[], markdown: string): string[] {
  const problems: string[] = [];
  const difference = firstDifference(
    visible(pieces.join('')),
    visible(blocksToPlain(parseMarkdown(markdown))),
  );
  if (difference) problems.push(`text differs ${difference}`);
  const sourceWords = new Set(markdown.match(/[A-Za-z_0-9]+/g));
  const stray = pieces
    .flatMap((piece) => piece.match(/[A-Za-z_0-9]+/g) ?? [])
    .filter((w) => !sourceWords.has(w));
  if (stray.length > 0) problems.push(`words cut or invented: ${stray.slice(0, 10).join(', ')}`);
  return problems;
}
