/**
 * A ranked search over a catalogue: table names and descriptions, column names and
 * descriptions, and the business glossary (売上 → retail.sales.amount). Built once per
 * catalogue snapshot and reused; a query touches only the postings of its own terms, so
 * it stays fast on estates of a million columns (see bench/search-tables.bench.ts).
 *
 * Scoring: each matched term adds idf × field weight (binary term frequency: a word said
 * twice in a description is not twice as relevant). A table's score is its own matches
 * plus its best three columns (weighted 1, 1/2, 1/4), scaled by the share
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

/**
 * Postings in flat typed arrays (term → slice of `codes`), built in two passes: count, then
 * fill. Names and descriptions repeat across big estates (every table has `id`, `created_at`),
 * so each distinct text is tokenised once.
 */
interface Postings {
  terms: Map<string, number>;
  start: Int32Array;
  codes: Int32Array;
}

function buildPostings(
  documents: number,
  fields: number,
  textOf: (id: number, field: number) => string | undefined,
): Postings {
  const cache = new Map<string, Int32Array>();
  const terms = new Map<string, number>();
  const none = new Int32Array(0);
  // Pass 1: every document field's term ids (shared arrays for repeated texts).
  const fieldTerms: Int32Array[] = new Array(documents * fields);
  for (let doc = 0; doc < documents; doc += 1) {
    for (let field = 0; field < fields; field += 1) {
      const text = textOf(doc, field);
      let ids = text ? cache.get(text) : none;
      if (!ids) {
        ids = Int32Array.from(uniqueTokens(text!), (term) => {
          let id = terms.get(term);
          if (id === undefined) terms.set(term, (id = terms.size));
          return id;
        });
        cache.set(text!, ids);
      }
      fieldTerms[doc * fields + field] = ids;
    }
  }
  // Pass 2: count, then lay the postings out term by term.
  const start = new Int32Array(terms.size + 1);
  for (const ids of fieldTerms) for (const id of ids) start[id + 1] = start[id + 1]! + 1;
  for (let id = 0; id < terms.size; id += 1) start[id + 1] = start[id + 1]! + start[id]!;
  const fill = start.slice(0, terms.size);
  const codes = new Int32Array(start[terms.size]!);
  fieldTerms.forEach((ids, slot) => {
    const code = Math.floor(slot / fields) * 2 + (slot % fields);
    for (const id of ids) codes[fill[id]!++] = code;
  });
  return { terms, start, codes };
}

function postingsOf(postings: Postings, term: string): Int32Array | undefined {
  const id = postings.terms.get(term);
  return id === undefined ? undefined : postings.codes.subarray(postings.start[id]!, postings.start[id + 1]!);
}

export function buildSearchIndex(
  tables: readonly TableInfo[],
  glossary: readonly GlossaryEntry[],
): SearchIndex {
  const columnTotal = tables.reduce((sum, table) => sum + table.columns.length, 0);
  const columnTable = new Int32Array(columnTotal);
  const columnIndex = new Int32Array(columnTotal);
  const columnOffset = new Int32Array(tables.length + 1);
  let columnId = 0;
  tables.forEach((table, tableId) => {
    columnOffset[tableId] = columnId;
    table.columns.forEach((_, index) => {
      columnTable[columnId] = tableId;
      columnIndex[columnId] = index;
      columnId += 1;
    });
  });
  columnOffset[tables.length] = columnId;
  const tablePostings = buildPostings(tables.length, 2, (id, field) =>
    field === 0 ? tables[id]!.table : tables[id]!.description,
  );
  const columnPostings = buildPostings(columnTotal, 2, (id, field) => {
    const column = tables[columnTable[id]!]!.columns[columnIndex[id]!]!;
    return field === 0 ? column.name : column.description;
  });

  const vocabulary = [...new Set([...tablePostings.terms.keys(), ...columnPostings.terms.keys()])].sort();
  const tableByRef = new Map(tables.map((table, id) => [`${table.dataset}.${table.table}`, id]));
  const normalisedGlossary = glossary.map((entry) => ({ entry, terms: entry.terms.map(normalise) }));

  const columnScore = new Float64Array(columnTotal);
  const tableScore = new Float64Array(tables.length);
  const tableTop = new Float64Array(tables.length * 3);
  const tableMask = new Int32Array(tables.length);
  const tableTouched = new Uint8Array(tables.length);

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
    const touchedTables: number[] = [];
    const touch = (table: number): void => {
      if (tableTouched[table] === 0) {
        tableTouched[table] = 1;
        touchedTables.push(table);
      }
    };
    for (const { term, factor, slot } of terms) {
      const columns = postingsOf(columnPostings, term);
      if (columns) {
        const idf = Math.log(1 + columnTotal / columns.length) * factor;
        for (let i = 0; i < columns.length; i += 1) {
          const code = columns[i]!;
          const id = code >> 1;
          if (columnScore[id] === 0) touchedColumns.push(id);
          columnScore[id] =
            columnScore[id]! + idf * (code & 1 ? WEIGHT.columnDescription : WEIGHT.columnName);
          const table = columnTable[id]!;
          tableMask[table] = tableMask[table]! | (1 << slot);
          touch(table);
        }
      }
      const tableHits = postingsOf(tablePostings, term);
      if (tableHits) {
        const idf = Math.log(1 + tables.length / tableHits.length) * factor;
        for (let i = 0; i < tableHits.length; i += 1) {
          const code = tableHits[i]!;
          const id = code >> 1;
          tableScore[id] = tableScore[id]! + idf * (code & 1 ? WEIGHT.tableDescription : WEIGHT.tableName);
          tableMask[id] = tableMask[id]! | (1 << slot);
          touch(id);
        }
      }
    }
    // A table's columns count by their best three: 1, 1/2, 1/4. A table with a hundred
    // columns that mention 店舗 is not a hundred times more relevant than one with one.
    for (const id of touchedColumns) {
      const table = columnTable[id]!;
      let score = columnScore[id]!;
      const base = table * 3;
      for (let rank = 0; rank < 3 && score > 0; rank += 1) {
        if (score > tableTop[base + rank]!) {
          const displaced = tableTop[base + rank]!;
          tableTop[base + rank] = score;
          score = displaced;
        }
      }
    }
    for (const table of touchedTables) {
      const base = table * 3;
      tableScore[table] =
        tableScore[table]! + tableTop[base]! + tableTop[base + 1]! / 2 + tableTop[base + 2]! / 4;
    }
    const glossaryHits = matchedGlossary(query);
    const glossaryByTable = new Map<number, GlossaryEntry[]>();
    for (const entry of glossaryHits) {
      for (const target of entry.targets) {
        const parts = target.split('.');
        const tableId = tableByRef.get(parts.slice(0, 2).join('.'));
        if (tableId === undefined) continue;
        touch(tableId);
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

    const ranked = touchedTables
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
      tableTop.fill(0, id * 3, id * 3 + 3);
      tableMask[id] = 0;
      tableTouched[id] = 0;
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
