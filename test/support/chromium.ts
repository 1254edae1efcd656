/**
 * Finds Debian's Chromium for page tests. Apt installs it (package "chromium"); when it
 * is absent the page tests say so and skip. Flags: headless as root, and no background
 * networking, which this machine's closed network would refuse again and again.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const CANDIDATES = [process.env['CHROMIUM_BIN'], '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(
  (path): path is string => Boolean(path),
);

export function findChromium(): string | null {
  const found = CANDIDATES.find((path) => existsSync(path)) ?? null;
  if (!found)
    console.warn('[kotae tests] Chromium not found (apt-get install chromium): page tests will be skipped.');
  return found;
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}
