/**
 * The DuckDB warehouse: the embedded demo, or any local DuckDB file.
 *
 * Defence in depth, because a read-only DuckDB still runs `COPY … TO 'file'`:
 *  - a file is opened with access_mode=READ_ONLY; ':memory:' (tests) is filled first;
 *  - enable_external_access=false: no files, no network, no extension installs;
 *  - lock_configuration=true: a query cannot SET any of this back;
 *  - every query is analysed (duckdb-analyse.ts) and the server's guard decides;
 *  - execute() itself re-checks "one statement, type SELECT" on the statement it runs.
 * Each query gets its own connection, so a timeout interrupts that query alone.
 */
import { DuckDBInstance, StatementType, type DuckDBConnection } from '@duckdb/node-api';
import type {
  DryRunReport,
  ExecuteOptions,
  QueryOutcome,
  SampleRows,
  TableInfo,
  TableRef,
  WarehouseBackend,
} from '../warehouse-backend.ts';
import { WarehouseQueryError } from '../warehouse-errors.ts';
import { analyseDuckDbQuery } from './duckdb-analyse.ts';
import { loadDuckDbCatalogue, type DuckDbCatalogue } from './duckdb-catalogue.ts';
import { jsonSafeConverter } from './duckdb-values.ts';
import { populateDemoDataset } from './demo-dataset.ts';
import { sqlIdentifier } from './sql-literals.ts';

export interface DuckDbBackendOptions {
  /** A DuckDB file (opened read-only), or ':memory:' for an in-memory copy of the demo estate. */
  path: string;
  /** DuckDB's memory_limit, e.g. "1GB": a runaway query fails instead of swapping. */
  memoryLimit?: string;
  threads?: number;
}

const SAFETY_SETTINGS = {
  enable_external_access: 'false',
  autoinstall_known_extensions: 'false',
  autoload_known_extensions: 'false',
};

async function openInstance(options: DuckDbBackendOptions): Promise<DuckDBInstance> {
  const limits: Record<string, string> = {
    memory_limit: options.memoryLimit ?? '1GB',
    ...(options.threads ? { threads: String(options.threads) } : {}),
  };
  if (options.path !== ':memory:') {
    return DuckDBInstance.create(options.path, {
      access_mode: 'READ_ONLY',
      ...SAFETY_SETTINGS,
      ...limits,
      lock_configuration: 'true',
    });
  }
  // In memory there is nothing to open read-only: build the demo, then lock everything down.
  const instance = await DuckDBInstance.create(':memory:', limits);
  const connection = await instance.connect();
  await populateDemoDataset(connection);
  for (const [name, value] of Object.entries(SAFETY_SETTINGS)) await connection.run(`SET ${name} = ${value}`);
  await connection.run('SET lock_configuration = true');
  connection.closeSync();
  return instance;
}

export async function createDuckDbBackend(options: DuckDbBackendOptions): Promise<WarehouseBackend> {
  const instance = await openInstance(options);
  let cataloguePromise: Promise<DuckDbCatalogue> | null = null;
  let jobCounter = 0;

  async function withConnection<T>(work: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await instance.connect();
    try {
      return await work(connection);
    } finally {
      connection.closeSync();
    }
  }

  function catalogue(): Promise<DuckDbCatalogue> {
    cataloguePromise ??= withConnection(loadDuckDbCatalogue);
    cataloguePromise.catch(() => {
      cataloguePromise = null;
    });
    return cataloguePromise;
  }

  async function findTable(ref: TableRef): Promise<TableInfo | null> {
    const tables = (await catalogue()).tables.get(ref.dataset) ?? [];
    return tables.find((info) => info.table === ref.table) ?? null;
  }

  async function execute(sql: string, options: ExecuteOptions): Promise<QueryOutcome> {
    const jobId = `duckdb-${process.pid}-${Date.now().toString(36)}-${(jobCounter += 1)}`;
    return withConnection(async (connection) => {
      let timedOut = false;
      const interrupt = (): void => connection.interrupt();
      const timer = setTimeout(() => {
        timedOut = true;
        interrupt();
      }, options.timeoutMs);
      options.signal?.addEventListener('abort', interrupt, { once: true });
      try {
        const extracted = await connection.extractStatements(sql);
        if (extracted.count !== 1) throw new WarehouseQueryError('refused', 'Send exactly one statement.');
        const prepared = await extracted.prepare(0);
        if (prepared.statementType !== StatementType.SELECT) {
          throw new WarehouseQueryError(
            'refused',
            `The statement type is ${StatementType[prepared.statementType]}.`,
          );
        }
        const result = await prepared.stream();
        const names = result.deduplicatedColumnNames();
        const columns = result
          .columnTypes()
          .map((type, index) => ({ name: names[index]!, type: type.toString() }));
        const rows: unknown[][] = [];
        let totalRows = 0;
        // Keep the first maxRows rows; count the rest without converting them.
        for (
          let chunk = await result.fetchChunk();
          chunk && chunk.rowCount > 0;
          chunk = await result.fetchChunk()
        ) {
          totalRows += chunk.rowCount;
          if (rows.length < options.maxRows) {
            rows.push(...chunk.convertRows(jsonSafeConverter).slice(0, options.maxRows - rows.length));
          }
        }
        return { columns, rows, totalRows, jobId };
      } catch (error) {
        if (error instanceof WarehouseQueryError) throw error;
        if (timedOut) {
          throw new WarehouseQueryError('timeout', `The query was stopped after ${options.timeoutMs} ms.`, {
            cause: error,
            jobId,
          });
        }
        const message = error instanceof Error ? error.message : String(error);
        throw new WarehouseQueryError('failed', message, { cause: error, jobId });
      } finally {
        clearTimeout(timer);
        options.signal?.removeEventListener('abort', interrupt);
      }
    });
  }

  return {
    kind: 'duckdb',
    dialect: 'DuckDB SQL',
    async listDatasets() {
      return (await catalogue()).datasets;
    },
    async listTables(dataset) {
      return ((await catalogue()).tables.get(dataset) ?? []).map(
        ({ columns: _columns, sizeBytes: _size, ...summary }) => summary,
      );
    },
    async catalogue(dataset) {
      return (await catalogue()).tables.get(dataset) ?? [];
    },
    describeTable: findTable,
    async sampleRows(ref, limit) {
      const info = await findTable(ref);
      if (!info) return { columns: [], rows: [] };
      const outcome = await execute(
        `SELECT * FROM ${sqlIdentifier(ref.dataset)}.${sqlIdentifier(ref.table)} LIMIT ${Math.max(0, Math.floor(limit))}`,
        { maxRows: limit, maxBytesBilled: Number.MAX_SAFE_INTEGER, timeoutMs: 10_000, labels: {} },
      );
      return { columns: outcome.columns, rows: outcome.rows } satisfies SampleRows;
    },
    async glossary() {
      return (await catalogue()).glossary;
    },
    async dryRun(sql): Promise<DryRunReport> {
      const loaded = await catalogue();
      return withConnection((connection) => analyseDuckDbQuery(connection, sql, loaded));
    },
    execute,
    async close() {
      instance.closeSync();
    },
  };
}
