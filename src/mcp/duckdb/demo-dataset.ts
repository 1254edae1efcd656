/**
 * The demo estate on disk: generated on first start (about 1.5 s of CPU), then reused
 * until its version changes. Generation writes a temporary file and renames it into
 * place, so a crash or two processes starting at once never leave a half-written file.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance, version as duckdbVersion, type DuckDBConnection } from '@duckdb/node-api';
import { errorMessage, KotaeError } from '../../core/errors.ts';
import { DEMO_DATASET_DESCRIPTIONS, DEMO_TABLE_DESCRIPTIONS } from './demo-descriptions.ts';
import { demoGenerationStatements } from './demo-generate.ts';
import { DEMO_GLOSSARY } from './demo-glossary.ts';
import { KOTAE_SCHEMA } from './kotae-metadata.ts';
import { sqlIdentifier, sqlString, sqlValues } from './sql-literals.ts';

/**
 * Bump when the generator or descriptions change. The DuckDB version is part of it
 * because the data comes from `hash()`, whose values may change between releases.
 */
const GENERATOR_VERSION = 1;

export function demoDatasetVersion(): string {
  return `kotae-demo-${GENERATOR_VERSION}/duckdb-${duckdbVersion()}`;
}

/** Builds the whole demo estate through an open read-write connection. */
export async function populateDemoDataset(connection: DuckDBConnection): Promise<void> {
  for (const statement of demoGenerationStatements()) await connection.run(statement);
  for (const statement of commentStatements()) await connection.run(statement);
  for (const statement of metadataStatements()) await connection.run(statement);
}

export interface EnsureDemoResult {
  generated: boolean;
  path: string;
}

/**
 * Makes sure `path` holds the current demo estate; generates it when missing or when it is
 * an older demo. A file that is not Kotae's demo is never overwritten: that is an error.
 */
export async function ensureDemoDataset(path: string): Promise<EnsureDemoResult> {
  if (existsSync(path)) {
    const version = await readVersion(path);
    if (version === demoDatasetVersion()) return { generated: false, path };
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}-${Date.now()}`;
  const instance = await DuckDBInstance.create(temporary);
  try {
    const connection = await instance.connect();
    await populateDemoDataset(connection);
    await connection.run('CHECKPOINT');
    connection.closeSync();
  } catch (error) {
    instance.closeSync();
    rmSync(temporary, { force: true });
    rmSync(`${temporary}.wal`, { force: true });
    throw error;
  }
  instance.closeSync();
  rmSync(`${temporary}.wal`, { force: true });
  renameSync(temporary, path);
  return { generated: true, path };
}

/** The demo version recorded in an existing file; throws when the file is not a Kotae demo. */
async function readVersion(path: string): Promise<string> {
  let instance: DuckDBInstance | null = null;
  try {
    instance = await DuckDBInstance.create(path, { access_mode: 'READ_ONLY' });
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT value FROM ${KOTAE_SCHEMA}.meta WHERE key = 'demo_version'`,
    );
    connection.closeSync();
    const value = reader.getRows()[0]?.[0];
    if (typeof value === 'string') return value;
  } catch (error) {
    throw new KotaeError(
      'demo.foreign_file',
      `${path} exists but is not Kotae's demo estate (${errorMessage(error).split('\n')[0]}); ` +
        'move or delete it to generate the demo there, or serve it with --duckdb.',
      { cause: error },
    );
  } finally {
    instance?.closeSync();
  }
  throw new KotaeError(
    'demo.foreign_file',
    `${path} exists but is not Kotae's demo estate; refusing to overwrite it.`,
  );
}

function commentStatements(): string[] {
  return DEMO_TABLE_DESCRIPTIONS.flatMap(({ dataset, table, description, columns }) => {
    const name = `${sqlIdentifier(dataset)}.${sqlIdentifier(table)}`;
    // DuckDB: COMMENT ON TABLE also works for views in 1.5, but say VIEW where it is one.
    const kind = table === 'monthly_store_sales' || table === 'store_staffing' ? 'VIEW' : 'TABLE';
    return [
      `COMMENT ON ${kind} ${name} IS ${sqlString(description)}`,
      ...Object.entries(columns).map(
        ([column, text]) => `COMMENT ON COLUMN ${name}.${sqlIdentifier(column)} IS ${sqlString(text)}`,
      ),
    ];
  });
}

function metadataStatements(): string[] {
  const glossaryRows = DEMO_GLOSSARY.flatMap((entry, index) =>
    entry.terms.map((term) => [index, term, entry.targets.join(','), entry.note ?? null]),
  );
  return [
    `CREATE SCHEMA ${KOTAE_SCHEMA}`,
    `CREATE TABLE ${KOTAE_SCHEMA}.meta (key VARCHAR PRIMARY KEY, value VARCHAR)`,
    `INSERT INTO ${KOTAE_SCHEMA}.meta VALUES ('demo_version', ${sqlString(demoDatasetVersion())})`,
    `CREATE TABLE ${KOTAE_SCHEMA}.datasets (dataset VARCHAR PRIMARY KEY, description VARCHAR)`,
    `INSERT INTO ${KOTAE_SCHEMA}.datasets VALUES ${sqlValues(Object.entries(DEMO_DATASET_DESCRIPTIONS))}`,
    `CREATE TABLE ${KOTAE_SCHEMA}.glossary (entry INTEGER, term VARCHAR, targets VARCHAR, note VARCHAR)`,
    `INSERT INTO ${KOTAE_SCHEMA}.glossary VALUES ${sqlValues(glossaryRows)}`,
  ];
}
