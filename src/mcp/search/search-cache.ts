/**
 * Search indexes, built once per catalogue snapshot and shared by every server made over
 * the same backend (servers are per task; backends live for the process). A snapshot is
 * the tuple of catalogue arrays the backend returned: when its TTL cache reloads a
 * dataset, the array changes and the index is rebuilt on the next search.
 */
import type { GlossaryEntry, TableInfo, WarehouseBackend } from '../warehouse-backend.ts';
import { buildSearchIndex, type SearchIndex } from './search-index.ts';

interface Snapshot {
  parts: readonly TableInfo[][];
  glossary: readonly GlossaryEntry[];
  index: SearchIndex;
}

/** Distinct allowlists searched per backend; more is unusual and just rebuilds. */
const MAX_SNAPSHOTS = 16;
const caches = new WeakMap<WarehouseBackend, Map<string, Snapshot>>();

export async function searchIndexFor(
  backend: WarehouseBackend,
  datasets: readonly string[],
): Promise<SearchIndex> {
  const [parts, glossary] = await Promise.all([
    Promise.all(datasets.map((dataset) => backend.catalogue(dataset))),
    backend.glossary(),
  ]);
  let cache = caches.get(backend);
  if (!cache) caches.set(backend, (cache = new Map()));
  const key = datasets.join('\n');
  const cached = cache.get(key);
  if (cached && cached.glossary === glossary && cached.parts.every((part, i) => part === parts[i])) {
    return cached.index;
  }
  const index = buildSearchIndex(parts.flat(), glossary);
  cache.delete(key);
  cache.set(key, { parts, glossary, index });
  if (cache.size > MAX_SNAPSHOTS) cache.delete(cache.keys().next().value!);
  return index;
}
