/**
 * Slack's message text → what the user typed. Slack escapes &, < and > and wraps
 * mentions, channels and links in angle brackets
 * (https://docs.slack.dev/messaging/formatting-message-text):
 *   <@U123>  <#C123|general>  <!here>  <https://x.example|label>  <mailto:a@b.jp|a@b.jp>
 * The bot's own mention is removed: "@Kotae 先月の売上は？" asks "先月の売上は？".
 */
export function questionText(text: string, botUserId?: string): string {
  return text
    .replace(/<([^<>]+)>/g, (_match, inner: string) => {
      const [target = '', label] = inner.split('|');
      if (target.startsWith('@')) {
        const id = target.slice(1);
        return id === botUserId ? '' : `@${label ?? id}`;
      }
      if (target.startsWith('#')) return `#${label ?? target.slice(1)}`;
      if (target.startsWith('!')) return `@${(label ?? target.slice(1)).replace(/^subteam\^/, '')}`;
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      return label && label !== target ? `${label} (${target})` : target;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
