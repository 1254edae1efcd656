/**
 * search_tables: the model's first step. Ranked matches over table and column names,
 * descriptions and the business glossary, never the whole catalogue: the answer is kept
 * under 4 KB by adding tables, best first, while they fit.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { jsonBytes } from '../json-values.ts';
import { searchIndexFor } from '../search/search-cache.ts';
import type { SearchHit } from '../search/search-index.ts';
import { clip, okResult } from '../tool-results.ts';
import type { GlossaryEntry } from '../warehouse-backend.ts';
import type { ToolContextSource } from './tool-context.ts';

export const SEARCH_RESPONSE_MAX_BYTES = 4096;
const DEFAULT_LIMIT = 6;
const COLUMNS_PER_TABLE = 6;

function shapeHit(hit: SearchHit, columns: number): Record<string, unknown> {
  const shown =
    hit.columns.length > 0
      ? hit.columns.slice(0, columns).map(({ index }) => hit.table.columns[index]!)
      : hit.table.columns.slice(0, Math.min(columns, 4));
  return {
    table: `${hit.table.dataset}.${hit.table.table}`,
    type: hit.table.type,
    ...(hit.table.description ? { description: clip(hit.table.description, 110) } : {}),
    ...(hit.table.rowCount !== undefined ? { row_count: hit.table.rowCount } : {}),
    columns: shown.map((column) => ({
      name: column.name,
      type: column.type,
      ...(column.description ? { description: clip(column.description, 70) } : {}),
    })),
  };
}

function shapeGlossary(entries: GlossaryEntry[]): Array<Record<string, unknown>> {
  return entries.slice(0, 3).map((entry) => ({
    terms: entry.terms.slice(0, 4),
    targets: entry.targets.slice(0, 4),
    ...(entry.note ? { note: clip(entry.note, 120) } : {}),
  }));
}

export function registerSearchTablesTool(server: McpServer, contextFor: ToolContextSource): void {
  server.registerTool(
    'search_tables',
    {
      title: 'Search tables',
      description:
        'Search first: finds the tables and columns that match business words (Japanese or English, ' +
        'e.g. "売上 店舗 都道府県" or "sales by store"), using names, descriptions and the business glossary. ' +
        'Returns the best matches only, with their most relevant columns.',
      inputSchema: {
        query: z.string().min(1).max(300).describe('Business words or column/table names'),
        limit: z.number().int().min(1).max(10).optional().describe('Tables to return (default 6)'),
      },
      outputSchema: {
        query: z.string(),
        results: z.array(z.record(z.string(), z.unknown())),
        glossary: z.array(z.record(z.string(), z.unknown())).optional(),
        more: z.number(),
        hint: z.string().optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, limit }, extra) => {
      const context = contextFor(extra);
      const datasets = (await context.allowedDatasets()).map((info) => info.dataset);
      const index = await searchIndexFor(context.backend, datasets);
      const wanted = limit ?? DEFAULT_LIMIT;
      const { hits, matchedTables } = index.search(query, wanted);
      const glossary = shapeGlossary([...new Set(hits.flatMap((hit) => hit.glossary))]);
      const response: Record<string, unknown> = { query: clip(query, 100), results: [], more: 0 };
      if (glossary.length > 0) response['glossary'] = glossary;
      const results = response['results'] as Array<Record<string, unknown>>;
      for (const hit of hits) {
        // Fit the table with as many of its columns as the budget allows, or stop.
        let added = false;
        for (
          let columns = COLUMNS_PER_TABLE;
          columns >= 1 && !added;
          columns = columns > 2 ? columns - 2 : columns - 1
        ) {
          results.push(shapeHit(hit, columns));
          if (jsonBytes(response) <= SEARCH_RESPONSE_MAX_BYTES - 120) added = true;
          else results.pop();
        }
        if (!added) break;
      }
      response['more'] = Math.max(0, matchedTables - results.length);
      if (results.length === 0) {
        response['hint'] =
          'No match. Try other words (Japanese or English), or list_datasets and list_tables.';
      } else if ((response['more'] as number) > 0) {
        response['hint'] =
          'More tables matched; add words to narrow the search. Use describe_table for all columns.';
      }
      return okResult(response);
    },
  );
}
