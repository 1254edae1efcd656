/**
 * Fonts for server-side charts. Without a CJK font every Japanese glyph renders as a tofu
 * box. We prefer the system's Noto Sans CJK (Debian/Ubuntu `fonts-noto-cjk`, Fedora
 * `google-noto-sans-cjk-*`), and otherwise use the Noto Sans JP TTFs that the npm package
 * `@expo-google-fonts/noto-sans-jp` ships (no apt needed on a fresh machine).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { GlobalFonts } from '@napi-rs/canvas';

/** The family name charts draw with; every registered face is aliased to it. */
export const CHART_FONT_FAMILY = 'Kotae Sans';

export interface ChartFontFace {
  path: string;
  source: 'system' | 'npm';
}

const SYSTEM_CANDIDATES: ReadonlyArray<readonly [regular: string, bold: string]> = [
  [
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc',
  ],
  ['/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc'],
  [
    '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-sans-cjk-fonts/NotoSansCJK-Bold.ttc',
  ],
  [
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Bold.ttc',
  ],
  [
    '/usr/share/fonts/truetype/noto/NotoSansCJK-Regular.ttc',
    '/usr/share/fonts/truetype/noto/NotoSansCJK-Bold.ttc',
  ],
];

const NPM_FACES = ['400Regular/NotoSansJP_400Regular.ttf', '700Bold/NotoSansJP_700Bold.ttf'] as const;

/** The CJK font files to use, best first: system Noto CJK, then the npm package's TTFs. */
export function findCjkFontFaces(exists: (path: string) => boolean = existsSync): ChartFontFace[] {
  for (const pair of SYSTEM_CANDIDATES) {
    if (exists(pair[0])) return pair.filter(exists).map((path) => ({ path, source: 'system' as const }));
  }
  const root = npmFontRoot();
  if (root === null) return [];
  return NPM_FACES.map((face) => join(root, face))
    .filter(exists)
    .map((path) => ({ path, source: 'npm' as const }));
}

function npmFontRoot(): string | null {
  try {
    // Resolved like an import, so it works from src/, from dist/ and with hoisted or nested node_modules.
    return dirname(createRequire(import.meta.url).resolve('@expo-google-fonts/noto-sans-jp/package.json'));
  } catch {
    return null;
  }
}

let registered: ChartFontFace[] | null = null;

/** Registers the CJK faces once per process under CHART_FONT_FAMILY; returns what was registered. */
export function ensureChartFonts(): ChartFontFace[] {
  if (registered !== null) return registered;
  registered = findCjkFontFaces().filter(
    (face) => GlobalFonts.registerFromPath(face.path, CHART_FONT_FAMILY) !== null,
  );
  return registered;
}

/** The CSS font-family list charts use: ours first, then whatever the system has. */
export function chartFontStack(): string {
  return `"${CHART_FONT_FAMILY}", "Noto Sans CJK JP", "Noto Sans JP", sans-serif`;
}
