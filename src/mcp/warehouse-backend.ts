/**
 * The warehouse port: what the MCP server needs from BigQuery or DuckDB. Backends report
 * facts (statement type, referenced tables, bytes); the server's guard decides. A backend
 * never sees the policy's allowlist: it cannot get the decision wrong.
 */

/** A table's address. `project` is BigQuery's; DuckDB leaves it out. */
export interface TableRef {
  project?: string;
  dataset: string;
  table: string;
}

export interface ColumnInfo {
  /** Nested fields are flattened with dots: `address.city`. */
  name: string;
  type: string;
  description?: string;
}

export interface DatasetInfo {
  dataset: string;
  description?: string;
  location?: string;
}

export interface TableSummary {
  dataset: string;
  table: string;
  /** TABLE, VIEW, MATERIALIZED_VIEW, EXTERNAL, … */
  type: string;
  description?: string;
  rowCount?: number;
}

export interface TableInfo extends TableSummary {
  columns: ColumnInfo[];
  sizeBytes?: number;
}

/** A business term and where it lives: `targets` are `dataset.table` or `dataset.table.column`. */
export interface GlossaryEntry {
  terms: string[];
  targets: string[];
  note?: string;
}

export interface QueryColumn {
  name: string;
  type: string;
}

export interface SampleRows {
  columns: QueryColumn[];
  rows: unknown[][];
}

export interface DryRunReport {
  /** As the engine names it: SELECT, INSERT, SCRIPT, CREATE_TABLE, … */
  statementType: string;
  /** What the query would read; for DuckDB an estimate (see duckdb/bytes-estimate.ts). */
  bytesProcessed: number;
  referencedTables: TableRef[];
  /**
   * A reason the engine-specific checks refuse the statement whatever the policy
   * (several statements, a file-reading function, a query the planner cannot see through).
   */
  refusal?: string;
}

export interface ExecuteOptions {
  maxRows: number;
  /** Passed to the engine too, where it can enforce it (BigQuery's maximumBytesBilled). */
  maxBytesBilled: number;
  timeoutMs: number;
  labels: Record<string, string>;
  signal?: AbortSignal;
}

export interface QueryOutcome {
  columns: QueryColumn[];
  /** At most `maxRows`, values already JSON-safe (see the backends' value normalisers). */
  rows: unknown[][];
  totalRows: number;
  /** The engine's own count where it has one (BigQuery); else the server keeps the dry run's. */
  bytesProcessed?: number;
  jobId: string;
  /**
   * The tables the finished job actually read, where the engine reports them (BigQuery's
   * job statistics). The server checks them again: a view can be redefined between the
   * dry run and the run, and then the rows must not reach the model.
   */
  referencedTables?: TableRef[];
}

export interface WarehouseBackend {
  readonly kind: 'duckdb' | 'bigquery';
  /** The SQL dialect, in words a model knows: "GoogleSQL (BigQuery)", "DuckDB SQL". */
  readonly dialect: string;
  /** BigQuery's default project; allowlist entries without a project mean this one. */
  readonly projectId?: string;
  listDatasets(): Promise<DatasetInfo[]>;
  listTables(dataset: string): Promise<TableSummary[]>;
  /** Every table of a dataset with its columns, for search. Cached by the backend with a TTL. */
  catalogue(dataset: string): Promise<TableInfo[]>;
  describeTable(ref: TableRef): Promise<TableInfo | null>;
  sampleRows(ref: TableRef, limit: number): Promise<SampleRows>;
  glossary(): Promise<GlossaryEntry[]>;
  dryRun(sql: string, labels: Record<string, string>): Promise<DryRunReport>;
  execute(sql: string, options: ExecuteOptions): Promise<QueryOutcome>;
  close(): Promise<void>;
}
