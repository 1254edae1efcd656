/**
 * The console's webfont: Noto Sans JP Regular from the TTFs the charts already use
 * (@expo-google-fonts/noto-sans-jp), cut to the characters a Japanese or English answer
 * uses and packed as WOFF2 by subset-font (harfbuzz's hb-subset, as wasm). No network.
 * It takes tens of seconds of CPU, so it runs in its own process (scripts/build-console-font.ts).
 */
import { readFile, rename, writeFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import subsetFont from 'subset-font';
import { findCjkFontFaces } from '../../render/chart/chart-fonts.ts';
import { KotaeError } from '../../core/errors.ts';

/** Latin, punctuation, arrows, box drawing, shapes and dingbats (✓), kana, the CJK ideographs, full-width forms. */
const RANGES: Array<[number, number]> = [
  [0x20, 0x7e],
  [0xa0, 0xff],
  [0x2010, 0x206f],
  [0x2100, 0x22ff],
  [0x2460, 0x24ff],
  [0x2500, 0x27bf],
  [0x3000, 0x30ff],
  [0x4e00, 0x9fff],
  [0xff00, 0xffef],
];

export function subsetText(): string {
  let text = '';
  for (const [from, to] of RANGES)
    for (let code = from; code <= to; code += 1) text += String.fromCodePoint(code);
  return text;
}

/** Writes the WOFF2 to `target` (atomically: a half-written file is never served). */
export async function buildConsoleFont(target: string): Promise<number> {
  const regular = findCjkFontFaces().find((face) => face.source === 'npm' && /400Regular/.test(face.path));
  if (!regular)
    throw new KotaeError(
      'console_font_missing',
      'Noto Sans JP (@expo-google-fonts/noto-sans-jp) is not installed',
    );
  const woff2 = await subsetFont(await readFile(regular.path), subsetText(), { targetFormat: 'woff2' });
  await mkdir(dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  await writeFile(temporary, woff2);
  await rename(temporary, target);
  return woff2.length;
}
