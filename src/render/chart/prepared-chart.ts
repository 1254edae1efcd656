/**
 * The chart as data, between the spec and the drawing: categories, datasets and what was
 * folded. The renderer and the alt text both read it, so they always agree.
 */
import type { ChartSpec } from '../../core/chart-spec.ts';
import type { Locale } from '../../core/locale.ts';

/** More categories than this and the smallest are folded into one "Other" category. */
export const MAX_CATEGORIES = 20;
/** Pie slices beyond the palette's eight colours would repeat a colour, so pies fold sooner. */
export const MAX_PIE_SLICES = 8;
/** More series than this (one colour each) and the smallest are folded into "Other". */
export const MAX_SERIES = 8;

export type XKind = 'date' | 'number' | 'category';

export interface PreparedDataset {
  label: string;
  /** One value per category (null where there is none); empty for scatter. */
  values: Array<number | null>;
  /** Scatter only. */
  points: Array<{ x: number; y: number }>;
  isOther: boolean;
}

export interface PreparedChart {
  spec: ChartSpec;
  xKind: XKind;
  labels: string[];
  /** Index of the "Other" category in `labels`, or -1. */
  otherIndex: number;
  datasets: PreparedDataset[];
  foldedCategories: number;
  foldedSeries: number;
  otherLabel: string;
}

export interface PrepareOptions {
  locale: Locale;
  timeZone: string;
}
