/**
 * Serves the console's own webfont, so Japanese renders with glyphs on a machine without
 * CJK fonts. The WOFF2 is built once, in a child process at first start, into the data
 * directory; until it exists the page uses the system's fonts (font-display: swap).
 */
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Logger } from '../../core/logger.ts';

export const CONSOLE_FONT_URL = '/console/fonts/noto-sans-jp.woff2';
export const CONSOLE_FONT_CSS_URL = '/console/font.css';

/**
 * The stylesheet that declares the webfont, once it is built; empty before, so the page
 * never asks for a font that is not there. Japanese and the marks around it only
 * (unicode-range): Latin stays in the system's UI font.
 */
export function fontFaceCss(available: boolean): string {
  if (!available) return '/* The console font is not built yet: system fonts are used. */\n';
  return [
    '@font-face {',
    "  font-family: 'Kotae Noto Sans JP';",
    `  src: url('${CONSOLE_FONT_URL}') format('woff2');`,
    '  font-weight: 100 900;',
    '  font-display: swap;',
    '  unicode-range: U+2010-206F, U+2100-22FF, U+2460-24FF, U+2500-27BF, U+3000-30FF, U+4E00-9FFF, U+FF00-FFEF;',
    '}',
    '',
  ].join('\n');
}

const BUILDER = fileURLToPath(new URL('../../../scripts/build-console-font.ts', import.meta.url));

export interface ConsoleFont {
  /** The WOFF2's path once it is built, else null. */
  file(): string | null;
  /** Resolves when the build has finished (or failed: then null). */
  ready(): Promise<string | null>;
}

export function prepareConsoleFont(options: { file: string; logger: Logger }): ConsoleFont {
  const { file, logger } = options;
  if (existsSync(file)) return { file: () => file, ready: async () => file };
  let built = false;
  const ready = new Promise<string | null>((resolve) => {
    const child = fork(BUILDER, [file], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    let errors = '';
    child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')));
    child.on('error', (error) => {
      logger.warn('console font: could not start the build', { error });
      resolve(null);
    });
    child.on('exit', (code) => {
      built = code === 0 && existsSync(file);
      if (!built) logger.warn('console font: build failed; the page uses system fonts', { code, errors });
      resolve(built ? file : null);
    });
    // Never keeps the process alive at shutdown.
    child.unref();
  });
  return { file: () => (built ? file : null), ready: () => ready };
}
