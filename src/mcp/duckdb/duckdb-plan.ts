/**
 * Reads DuckDB's physical plan (`EXPLAIN (FORMAT JSON)`, DuckDB 1.5): a JSON array of
 * operators `{ name, children, extra_info }`. Scans carry `extra_info.Table` as
 * "catalog.schema.table" with `Projections` (the columns read) and `Filters`; table
 * functions carry `extra_info.Function`. The plan is after view expansion and
 * optimisation, so it names the base tables a query really reads.
 */

export interface PlanScan {
  /** As printed: "catalog.schema.table". */
  table: string;
  columns: string[];
  filters: string;
}

export interface PlanFunction {
  name: string;
  estimatedRows: number;
}

export interface PlanFacts {
  scans: PlanScan[];
  functions: PlanFunction[];
}

interface PlanNode {
  name?: unknown;
  children?: unknown;
  extra_info?: Record<string, unknown>;
}

function asStrings(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  if (typeof value === 'string' && value !== '') return [value];
  return [];
}

export function readPlan(json: string): PlanFacts {
  const facts: PlanFacts = { scans: [], functions: [] };
  const visit = (node: PlanNode): void => {
    const info = node.extra_info ?? {};
    if (typeof info['Table'] === 'string') {
      facts.scans.push({
        table: info['Table'],
        columns: asStrings(info['Projections']),
        filters: asStrings(info['Filters']).join(' AND '),
      });
    } else if (typeof info['Function'] === 'string') {
      facts.functions.push({
        name: info['Function'],
        estimatedRows: Number(info['Estimated Cardinality'] ?? 0) || 0,
      });
    }
    if (Array.isArray(node.children)) for (const child of node.children) visit(child as PlanNode);
  };
  const roots: unknown = JSON.parse(json);
  for (const root of Array.isArray(roots) ? roots : [roots]) visit(root as PlanNode);
  return facts;
}
