/**
 * Which links an answer may carry. A model that has read hostile text (a table cell, a
 * thread) can write a link that carries data out in its query string: one click, or a
 * platform's own link preview, sends it (OWASP LLM05, the "EchoLeak" class). So an answer
 * links only to hosts on an allowlist (the bot's own PUBLIC_BASE_URL plus KOTAE_LINK_HOSTS);
 * any other URL is shown as text with its host visible and its dots broken ("evil[.]example/…"),
 * so no platform turns it back into a link. Hosts compare after URL parsing, so a Unicode
 * look-alike arrives as its punycode (xn--…) and matches nothing.
 */

export interface LinkPolicy {
  /** True when the URL may become a link: http(s) to an allowlisted host. */
  allows(url: string): boolean;
}

/** A policy allowing the hosts given (bare hosts or URLs); an empty list allows no link at all. */
export function linkPolicy(hosts: readonly string[]): LinkPolicy {
  const allowed = new Set(hosts.map(normalizeHost).filter((host): host is string => host !== null));
  return {
    allows(url) {
      const parsed = parseUrl(url);
      return parsed !== null && allowed.has(parsed.hostname);
    },
  };
}

/** The default wherever no policy is given: nothing links. */
export const NO_LINKS: LinkPolicy = { allows: () => false };

/** "https://evil.example/collect?d=…" → "evil[.]example/…": the host, readable but not a link. */
export function shownUrl(url: string): string {
  const parsed = parseAny(url);
  if (!parsed || !/^https?:$/.test(parsed.protocol)) {
    const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1];
    return scheme ? `${scheme.toLowerCase()}:…` : '…';
  }
  const rest = parsed.pathname === '/' && !parsed.search && !parsed.hash ? '' : '/…';
  return `${defang(parsed.hostname)}${rest}`;
}

/** Every bare http(s) URL in plain text (a table cell) that the policy refuses, shown as text. */
export function defangUrls(text: string, policy: LinkPolicy): string {
  if (!/https?:\/\//i.test(text)) return text;
  return text.replace(/https?:\/\/[^\s<>"'`|]+/gi, (url) => (policy.allows(url) ? url : shownUrl(url)));
}

function defang(host: string): string {
  return host.replace(/\./g, '[.]');
}

function parseAny(url: string): URL | null {
  try {
    return new URL(url.trim());
  } catch {
    return null;
  }
}

function parseUrl(url: string): URL | null {
  try {
    const parsed = new URL(url.trim());
    if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
    // "https://kotae.example@evil.example" parses to evil.example; credentials never link.
    if (parsed.username || parsed.password) return null;
    return parsed;
  } catch {
    return null;
  }
}

function normalizeHost(entry: string): string | null {
  const trimmed = entry.trim();
  if (!trimmed) return null;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return null;
  }
}
