/**
 * A ranked search over a catalogue: table names and descriptions, column names and
 * descriptions, and the business glossary (売上 → retail.sales.amount). Built once per
 * catalogue snapshot and reused; a query touches only the postings of its own terms, so
 * it stays fast on estates of a million columns (see src/bench/search-tables.bench.ts).
 *
 * Scoring: each matched term adds idf × field weight (binary term frequency: a word said
 * twice in a description is not twice as relevant). A table's score is its own matches
 * plus its best column and a quarter of its other matching columns, scaled by the share
 * of query terms it matched at all, so "store sales by prefecture" prefers the table that
 * has all three over one that says "sales" many times.
 */
import type { GlossaryEntry, TableInfo } from '../warehouse-backend.ts';
import { normalise, uniqueTokens } from './tokenize.ts';

const WEIGHT = { tableName: 3, tableDescription: 1.5, columnName: 2, columnDescription: 1 };
const GLOSSARY_TABLE_BOOST = 12;
const GLOSSARY_COLUMN_BOOST = 8;
const PREFIX_FACTOR = 0.5;
const MAX_PREFIX_EXPANSIONS = 8;

export interface ColumnHit {
  index: number;
  score: number;
}

export interface SearchHit {
  table: TableInfo;
  score: number;
  columns: ColumnHit[];
  glossary: GlossaryEntry[];
}

export interface SearchIndex {
  readonly tableCount: number;
  readonly columnCount: number;
  search(query: string, limit: number): { hits: SearchHit[]; matchedTables: number };
}

interface QueryTerm {
  term: string;
  factor: number;
  slot: number;
}

export function buildSearchIndex(
  tables: readonly TableInfo[],
  glossary: readonly GlossaryEntry[],
): SearchIndex {
  const columnTotal = tables.reduce((sum, table) => sum + table.columns.length, 0);
  const columnTable = new Int32Array(columnTotal);
  const columnOffset = new Int32Array(tables.length + 1);
  const tablePostings = new Map<string, number[]>(); // term → tableId * 2 + field
  const columnPostings = new Map<string, number[]>(); // term → columnId * 2 + field
  const post = (map: Map<string, number[]>, text: string | undefined, id: number, field: 0 | 1): void => {
    if (!text) return;
    for (const term of uniqueTokens(text)) {
      const list = map.get(term);
      if (list) list.push(id * 2 + field);
      else map.set(term, [id * 2 + field]);
    }
  };
  let columnId = 0;
  tables.forEach((table, tableId) => {
    columnOffset[tableId] = columnId;
    post(tablePostings, table.table, tableId, 0);
    post(tablePostings, table.description, tableId, 1);
    for (const column of table.columns) {
      columnTable[columnId] = tableId;
      post(columnPostings, column.name, columnId, 0);
      post(columnPostings, column.description, columnId, 1);
      columnId += 1;
    }
  });
  columnOffset[tables.length] = columnId;

  const vocabulary = [...new Set([...tablePostings.keys(), ...columnPostings.keys()])].sort();
  const tableByRef = new Map(tables.map((table, id) => [`${table.dataset}.${table.table}`, id]));
  const normalisedGlossary = glossary.map((entry) => ({ entry, terms: entry.terms.map(normalise) }));

  const columnScore = new Float64Array(columnTotal);
  const tableScore = new Float64Array(tables.length);
  const tableBest = new Float64Array(tables.length);
  const tableMask = new Int32Array(tables.length);

  function prefixExpansions(term: string): string[] {
    if (term.length < 3 || !/^[a-z0-9]+$/.test(term)) return [];
    const out: string[] = [];
    let lo = 0;
    let hi = vocabulary.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (vocabulary[mid]! < term) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < vocabulary.length && out.length < MAX_PREFIX_EXPANSIONS; i += 1) {
      const candidate = vocabulary[i]!;
      if (!candidate.startsWith(term)) break;
      if (candidate !== term) out.push(candidate);
    }
    return out;
  }

  function queryTerms(query: string): QueryTerm[] {
    const terms: QueryTerm[] = [];
    uniqueTokens(query)
      .slice(0, 30)
      .forEach((term, slot) => {
        terms.push({ term, factor: 1, slot });
        for (const expansion of prefixExpansions(term))
          terms.push({ term: expansion, factor: PREFIX_FACTOR, slot });
      });
    return terms;
  }

  function matchedGlossary(query: string): GlossaryEntry[] {
    const text = normalise(query);
    return normalisedGlossary
      .filter(({ terms }) =>
        terms.some((term) =>
          /^[a-z0-9 -]+$/.test(term)
            ? new RegExp(`(^|[^a-z0-9])${term}s?($|[^a-z0-9])`).test(text)
            : text.includes(term),
        ),
      )
      .map(({ entry }) => entry);
  }

  function search(query: string, limit: number): { hits: SearchHit[]; matchedTables: number } {
    const terms = queryTerms(query);
    const slots = new Set(terms.map((t) => t.slot)).size;
    const touchedColumns: number[] = [];
    const touchedTables = new Set<number>();
    for (const { term, factor, slot } of terms) {
      const columns = columnPostings.get(term);
      if (columns) {
        const idf = Math.log(1 + columnTotal / columns.length) * factor;
        for (const code of columns) {
          const id = code >> 1;
          if (columnScore[id] === 0) touchedColumns.push(id);
          columnScore[id] =
            columnScore[id]! + idf * (code & 1 ? WEIGHT.columnDescription : WEIGHT.columnName);
          const table = columnTable[id]!;
          tableMask[table] = tableMask[table]! | (1 << slot);
          touchedTables.add(table);
        }
      }
      const tableHits = tablePostings.get(term);
      if (tableHits) {
        const idf = Math.log(1 + tables.length / tableHits.length) * factor;
        for (const code of tableHits) {
          const id = code >> 1;
          tableScore[id] = tableScore[id]! + idf * (code & 1 ? WEIGHT.tableDescription : WEIGHT.tableName);
          tableMask[id] = tableMask[id]! | (1 << slot);
          touchedTables.add(id);
        }
      }
    }
    for (const id of touchedColumns) {
      const table = columnTable[id]!;
      const score = columnScore[id]!;
      if (score > tableBest[table]!) {
        tableScore[table] = tableScore[table]! + score - tableBest[table]! + tableBest[table]! * 0.25;
        tableBest[table] = score;
      } else {
        tableScore[table] = tableScore[table]! + score * 0.25;
      }
    }
    const glossaryHits = matchedGlossary(query);
    const glossaryByTable = new Map<number, GlossaryEntry[]>();
    for (const entry of glossaryHits) {
      for (const target of entry.targets) {
        const parts = target.split('.');
        const tableId = tableByRef.get(parts.slice(0, 2).join('.'));
        if (tableId === undefined) continue;
        touchedTables.add(tableId);
        tableScore[tableId] =
          tableScore[tableId]! + (parts.length > 2 ? GLOSSARY_COLUMN_BOOST : GLOSSARY_TABLE_BOOST);
        glossaryByTable.set(tableId, [...(glossaryByTable.get(tableId) ?? []), entry]);
        if (parts.length > 2) {
          const column = tables[tableId]!.columns.findIndex((c) => c.name === parts.slice(2).join('.'));
          if (column >= 0) {
            const id = columnOffset[tableId]! + column;
            if (columnScore[id] === 0) touchedColumns.push(id);
            columnScore[id] = columnScore[id]! + GLOSSARY_COLUMN_BOOST;
          }
        }
      }
    }

    const ranked = [...touchedTables]
      .map((id) => {
        const covered = popcount(tableMask[id]!);
        const coverage = slots === 0 ? 1 : Math.min(1, covered / slots);
        const glossaryBonus = glossaryByTable.has(id) ? 1 : 0;
        return { id, score: tableScore[id]! * (0.4 + 0.6 * Math.max(coverage, glossaryBonus)) };
      })
      .filter((entry) => entry.score > 0)
      .sort((a, b) => b.score - a.score || a.id - b.id);
    const hits = ranked.slice(0, limit).map(({ id, score }) => {
      const columns: ColumnHit[] = [];
      for (let c = columnOffset[id]!; c < columnOffset[id + 1]!; c += 1) {
        if (columnScore[c]! > 0) columns.push({ index: c - columnOffset[id]!, score: columnScore[c]! });
      }
      columns.sort((a, b) => b.score - a.score || a.index - b.index);
      return { table: tables[id]!, score, columns, glossary: glossaryByTable.get(id) ?? [] };
    });

    for (const id of touchedColumns) columnScore[id] = 0;
    for (const id of touchedTables) {
      tableScore[id] = 0;
      tableBest[id] = 0;
      tableMask[id] = 0;
    }
    return { hits, matchedTables: ranked.length };
  }

  return { tableCount: tables.length, columnCount: columnTotal, search };
}

function popcount(value: number): number {
  let count = 0;
  for (let v = value; v !== 0; v &= v - 1) count += 1;
  return count;
}
