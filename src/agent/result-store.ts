/**
 * What one task has produced so far, under ids the model can refer to: query results are
 * q1, q2, …; analysis results a1, a2, …. `run_analysis` and `make_chart` take their data by
 * these ids, so large results never travel through the model and back.
 */
import type { CellValue, ReplyChart, ResultTable } from '../core/reply.ts';
import { applyLabels, type ColumnLabel } from './column-labels.ts';
import { isRecord, rowsAsObjects, toCell, type QueryResult } from './query-result.ts';

export interface ResultStore {
  addQuery(result: QueryResult): string;
  addAnalysis(value: unknown): string;
  /** The data behind an id: query rows as objects, or an analysis value. */
  resolve(id: string): unknown;
  has(id: string): boolean;
  ids(): string[];
  /** Successful queries, in the order they ran. */
  queries(): QueryResult[];
  /** The most recent tabular result (a query, or an analysis that returned rows). */
  lastTable(): ResultTable | undefined;
  setChart(chart: ReplyChart): void;
  chart(): ReplyChart | undefined;
  /** Labels the model chose (make_chart), by column name; they win over the metadata's. */
  labelColumns(labels: Record<string, ColumnLabel>): void;
  /** Defaults from table metadata (describe_table), by column name. */
  describeColumns(labels: Record<string, ColumnLabel>): void;
}

export function createResultStore(): ResultStore {
  const queries: QueryResult[] = [];
  const entries = new Map<string, unknown>();
  let analyses = 0;
  let table: ResultTable | undefined;
  let chart: ReplyChart | undefined;
  const chosen = new Map<string, ColumnLabel>();
  const defaults = new Map<string, ColumnLabel>();
  const merge = (into: Map<string, ColumnLabel>, labels: Record<string, ColumnLabel>) => {
    for (const [name, label] of Object.entries(labels)) into.set(name, { ...into.get(name), ...label });
  };

  return {
    addQuery(result) {
      queries.push(result);
      const id = `q${queries.length}`;
      entries.set(id, rowsAsObjects(result));
      table = {
        columns: result.columns,
        rows: result.rows,
        totalRows: result.totalRows,
        truncated: result.truncated,
      };
      return id;
    },
    addAnalysis(value) {
      analyses += 1;
      const id = `a${analyses}`;
      entries.set(id, value);
      table = tableFromValue(value) ?? table;
      return id;
    },
    resolve: (id) => entries.get(id),
    has: (id) => entries.has(id),
    ids: () => [...entries.keys()],
    queries: () => [...queries],
    lastTable: () => table && applyLabels(table, chosen, defaults),
    setChart(value) {
      chart = value;
    },
    chart: () => chart,
    labelColumns: (labels) => merge(chosen, labels),
    describeColumns: (labels) => merge(defaults, labels),
  };
}

/** An analysis that returned an array of flat objects is a table the user can read. */
export function tableFromValue(value: unknown): ResultTable | undefined {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isRecord)) return undefined;
  const names = [...new Set(value.flatMap((row) => Object.keys(row)))];
  if (names.length === 0) return undefined;
  const rows: CellValue[][] = value.map((row) => names.map((name) => toCell(row[name])));
  const columns = names.map((name, index) => ({
    name,
    type: columnType(rows.map((row) => row[index] ?? null)),
  }));
  return { columns, rows, totalRows: rows.length, truncated: false };
}

function columnType(cells: CellValue[]): string {
  const present = cells.filter((cell) => cell !== null);
  if (present.length > 0 && present.every((cell) => typeof cell === 'number')) {
    return present.every((cell) => Number.isInteger(cell)) ? 'INT64' : 'FLOAT64';
  }
  if (present.length > 0 && present.every((cell) => typeof cell === 'boolean')) return 'BOOL';
  return 'STRING';
}
