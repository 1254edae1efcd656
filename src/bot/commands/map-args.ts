/**
 * `/kotae map [default] <dataset>… [project=<id>] [location=<loc>] [max-bytes=<size>]`,
 * parsed whole before anything is checked against the warehouse or saved.
 */
import type { MessageKey } from '../../core/i18n/catalogue.ts';
import { parseSize } from './limits-args.ts';

export const MAX_DATASETS = 20;

export interface MapArgs {
  isDefault: boolean;
  datasets: string[];
  projectId: string | null;
  location: string | null;
  maxBytes: bigint | null;
}

export type MapParse =
  { ok: true; args: MapArgs } | { ok: false; problem: MessageKey; params?: Record<string, string> };

/** BigQuery dataset ids: letters, digits, underscores (DuckDB schemas follow the same rule here). */
const DATASET = /^[A-Za-z_][A-Za-z0-9_]{0,1023}$/;
/** Project ids (with an optional "domain:" prefix) and locations ("US", "asia-northeast1"). */
const PROJECT = /^(?:[a-z][a-z0-9.-]*:)?[a-z][a-z0-9-]{3,61}[a-z0-9]$/;
const LOCATION = /^[A-Za-z][A-Za-z0-9-]{1,40}$/;

export function parseMapArgs(words: readonly string[], globalCap: number): MapParse {
  const args: MapArgs = { isDefault: false, datasets: [], projectId: null, location: null, maxBytes: null };
  const seen = new Set<string>();
  let rest = words;
  if (rest[0]?.toLowerCase() === 'default') {
    args.isDefault = true;
    rest = rest.slice(1);
  }
  for (const word of rest) {
    const eq = word.indexOf('=');
    if (eq === -1) {
      const dataset = word.replace(/^`|`$/g, '');
      if (!DATASET.test(dataset)) return { ok: false, problem: 'admin.map.badName', params: { value: word } };
      if (!args.datasets.includes(dataset)) args.datasets.push(dataset);
      if (args.datasets.length > MAX_DATASETS)
        return { ok: false, problem: 'admin.map.tooMany', params: { max: String(MAX_DATASETS) } };
      continue;
    }
    const name = word.slice(0, eq).toLowerCase();
    const value = word.slice(eq + 1);
    if (seen.has(name))
      return { ok: false, problem: 'admin.map.tooMany', params: { max: String(MAX_DATASETS) } };
    seen.add(name);
    if (name === 'project') {
      if (!PROJECT.test(value)) return { ok: false, problem: 'admin.map.badName', params: { value } };
      args.projectId = value;
    } else if (name === 'location') {
      if (!LOCATION.test(value)) return { ok: false, problem: 'admin.map.badName', params: { value } };
      args.location = value;
    } else if (name === 'max-bytes') {
      const size = parseSize(value);
      if (size === null || size === 'negative' || size === 0n)
        return { ok: false, problem: 'admin.map.badSize', params: { value } };
      if (size > BigInt(globalCap))
        return { ok: false, problem: 'admin.map.overCap', params: { value, cap: `${globalCap}` } };
      args.maxBytes = size;
    } else {
      return { ok: false, problem: 'admin.map.unknownOption', params: { value: word.slice(0, eq) } };
    }
  }
  if (args.datasets.length === 0) return { ok: false, problem: 'admin.map.noDataset' };
  return { ok: true, args };
}

/** The closest known name within two edits, for "did you mean …?". */
export function closestName(name: string, known: readonly string[]): string | null {
  let best: { name: string; distance: number } | null = null;
  for (const candidate of known) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance <= Math.max(2, Math.floor(name.length / 3)) && (!best || distance < best.distance))
      best = { name: candidate, distance };
  }
  return best?.name ?? null;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost));
    }
    previous = current;
  }
  return previous[b.length]!;
}
