/**
 * list_datasets, list_tables (paged) and describe_table. Each answers only about the
 * datasets the policy allows; asking about another dataset is an error result that says
 * which datasets are available, not whether the other one exists.
 */
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import { clip, errorResult, okResult } from '../tool-results.ts';
import { describeAllowlist } from '../warehouse-policy.ts';
import type { ToolContext, ToolContextSource } from './tool-context.ts';

const DEFAULT_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 200;
const SAMPLE_ROWS = 3;
const SAMPLE_VALUE_CHARS = 80;
const MAX_DESCRIBED_COLUMNS = 300;

interface Cursor {
  d: string;
  o: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor | null {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as Partial<Cursor>;
    return typeof value.d === 'string' && Number.isInteger(value.o) && value.o! >= 0
      ? (value as Cursor)
      : null;
  } catch {
    return null;
  }
}

function notAllowed(context: ToolContext, what: string): ReturnType<typeof errorResult> {
  return errorResult(
    `${what} is not available to this channel. Datasets available: ${describeAllowlist(context.policy)}. ` +
      'Use list_datasets or search_tables to find tables.',
  );
}

function clipValue(value: unknown): unknown {
  if (typeof value === 'string') return clip(value, SAMPLE_VALUE_CHARS);
  if (value !== null && typeof value === 'object') {
    const text = JSON.stringify(value);
    return text.length > SAMPLE_VALUE_CHARS * 2 ? clip(text, SAMPLE_VALUE_CHARS * 2) : value;
  }
  return value;
}

export function registerCatalogueTools(server: McpServer, contextFor: ToolContextSource): void {
  server.registerTool(
    'list_datasets',
    {
      title: 'List datasets',
      description: 'Lists the datasets this conversation may query, with their descriptions.',
      outputSchema: {
        datasets: z.array(z.object({ dataset: z.string(), description: z.string().optional() })),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async (extra) => {
      const context = contextFor(extra);
      const datasets = await context.allowedDatasets();
      return okResult({
        datasets: datasets.map(({ dataset, description }) => ({
          dataset,
          ...(description ? { description } : {}),
        })),
      });
    },
  );

  server.registerTool(
    'list_tables',
    {
      title: 'List tables',
      description:
        'Lists the tables of one dataset, a page at a time (pass next_cursor back as cursor). ' +
        'To find tables by meaning, use search_tables instead.',
      inputSchema: {
        dataset: z.string().min(1).describe('Dataset id, e.g. "retail"'),
        cursor: z.string().optional().describe('next_cursor from the previous page'),
        page_size: z.number().int().min(1).max(MAX_PAGE_SIZE).optional(),
      },
      outputSchema: {
        dataset: z.string(),
        tables: z.array(
          z.object({
            table: z.string(),
            type: z.string(),
            description: z.string().optional(),
            row_count: z.number().optional(),
          }),
        ),
        total: z.number(),
        next_cursor: z.string().optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ dataset, cursor, page_size }, extra) => {
      const context = contextFor(extra);
      const name = dataset.replace(/[`"]/g, '').trim();
      if (!context.isDatasetAllowed(name)) return notAllowed(context, `Dataset ${name}`);
      let offset = 0;
      if (cursor !== undefined) {
        const decoded = decodeCursor(cursor);
        if (!decoded || decoded.d !== name)
          return errorResult('The cursor is not valid for this dataset; start again without one.');
        offset = decoded.o;
      }
      const tables = await context.backend.listTables(name);
      if (tables.length === 0 && !(await context.allowedDatasets()).some((info) => info.dataset === name)) {
        return errorResult(`There is no dataset ${name}. Use list_datasets to see the datasets.`);
      }
      const size = page_size ?? DEFAULT_PAGE_SIZE;
      const page = tables.slice(offset, offset + size);
      const next = offset + size < tables.length ? encodeCursor({ d: name, o: offset + size }) : undefined;
      return okResult({
        dataset: name,
        tables: page.map((table) => ({
          table: `${table.dataset}.${table.table}`,
          type: table.type,
          ...(table.description ? { description: clip(table.description, 160) } : {}),
          ...(table.rowCount !== undefined ? { row_count: table.rowCount } : {}),
        })),
        total: tables.length,
        ...(next ? { next_cursor: next } : {}),
      });
    },
  );

  server.registerTool(
    'describe_table',
    {
      title: 'Describe a table',
      description:
        'Columns (name, type, description), row count and a few sample rows of one table. ' +
        'Use it before writing SQL against a table.',
      inputSchema: { table: z.string().min(3).describe('"dataset.table", e.g. "retail.sales"') },
      outputSchema: {
        table: z.string(),
        type: z.string(),
        description: z.string().optional(),
        row_count: z.number().optional(),
        size_bytes: z.number().optional(),
        columns: z.array(
          z.object({ name: z.string(), type: z.string(), description: z.string().optional() }),
        ),
        columns_omitted: z.number().optional(),
        sample_rows: z
          .object({ columns: z.array(z.string()), rows: z.array(z.array(z.unknown())) })
          .optional(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ table }, extra) => {
      const context = contextFor(extra);
      const ref = context.parseTable(table);
      if (!ref) return errorResult(`"${table}" is not a table name; write it as dataset.table.`);
      const dataset = ref.project ? `${ref.project}.${ref.dataset}` : ref.dataset;
      if (!context.isDatasetAllowed(dataset)) return notAllowed(context, `Table ${table}`);
      const info = await context.backend.describeTable(ref);
      if (!info)
        return errorResult(`There is no table ${dataset}.${ref.table}. Use search_tables to find tables.`);
      // Samples only from base tables: sampling a view would run its query.
      const samples = info.type === 'TABLE' ? await context.backend.sampleRows(ref, SAMPLE_ROWS) : null;
      return okResult({
        table: `${dataset}.${info.table}`,
        type: info.type,
        ...(info.description ? { description: info.description } : {}),
        ...(info.rowCount !== undefined ? { row_count: info.rowCount } : {}),
        ...(info.sizeBytes !== undefined ? { size_bytes: info.sizeBytes } : {}),
        columns: info.columns.slice(0, MAX_DESCRIBED_COLUMNS).map((column) => ({
          name: column.name,
          type: column.type,
          ...(column.description ? { description: column.description } : {}),
        })),
        ...(info.columns.length > MAX_DESCRIBED_COLUMNS
          ? { columns_omitted: info.columns.length - MAX_DESCRIBED_COLUMNS }
          : {}),
        ...(samples
          ? {
              sample_rows: {
                columns: samples.columns.map((column) => column.name),
                rows: samples.rows.map((row) => row.map(clipValue)),
              },
            }
          : {}),
      });
    },
  );
}
