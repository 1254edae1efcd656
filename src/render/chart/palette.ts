/**
 * Okabe & Ito's colour-blind-safe palette (Okabe, Ito: "Color Universal Design", 2008), in an
 * order that keeps the first colours far apart; yellow, weakest on white, comes last.
 */
export const OKABE_ITO = [
  '#0072B2', // blue
  '#E69F00', // orange
  '#009E73', // bluish green
  '#D55E00', // vermillion
  '#56B4E9', // sky blue
  '#CC79A7', // reddish purple
  '#000000', // black
  '#F0E442', // yellow
] as const;

/** The grey "Other" is drawn in, so folded items never look like a real series. */
export const OTHER_COLOUR = '#9E9E9E';

export function seriesColour(index: number): string {
  return OKABE_ITO[index % OKABE_ITO.length]!;
}

/** `#RRGGBB` with an alpha, as `rgba()`. */
export function withAlpha(hex: string, alpha: number): string {
  const value = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(value >> 16) & 255}, ${(value >> 8) & 255}, ${value & 255}, ${alpha})`;
}
