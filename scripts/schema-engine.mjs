#!/usr/bin/env node
/**
 * A drop-in schema engine for the stock Prisma CLI, for machines that cannot reach
 * Prisma's binary host (ours, and the air-gapped networks many customers run).
 * Point the CLI at it with PRISMA_SCHEMA_ENGINE_BINARY (scripts/prisma.ts does).
 *
 * It speaks the CLI's protocol and forwards it to the official WebAssembly build of the
 * same engine (@prisma/schema-engine-wasm), connected through @prisma/adapter-pg:
 *  - `--datamodels <file>` (repeated) and `--datasource <json {url, shadowDatabaseUrl}>`;
 *  - JSON-RPC 2.0, one message per line, on stdin/stdout;
 *  - `cli can-connect-to-database` / `cli create-database`: one-shot commands whose
 *    failures are JSON log lines on stderr. The CLI drops the first stderr line, and
 *    process.exit() drops pending async pipe writes, so stderr is written synchronously.
 */
import { readFileSync, writeSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';

function parseArgs(argv) {
  const options = { datamodels: [], datasource: {}, cli: null };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--datamodels') options.datamodels.push(argv[++i]);
    else if (arg === '--datasource') options.datasource = JSON.parse(argv[++i]);
    else if (arg === 'cli') options.cli = argv[++i];
    else if (arg === '--version' || arg === '-V') options.cli = 'version';
    else if (arg.startsWith('--')) i += 1; // --enabled-preview-features, --extension-types: not needed
  }
  return options;
}

function logLine(level, message, extra = {}) {
  return JSON.stringify({
    timestamp: new Date().toISOString(),
    level,
    fields: { message, ...extra },
    target: 'schema_engine::logger',
  });
}

/** Ends a one-shot command: a throwaway first line (the CLI skips it), then the log line. */
function failCli(message, errorCode) {
  writeSync(2, 'schema-engine-wasm shim\n');
  writeSync(2, `${logLine('ERROR', message, errorCode ? { error_code: errorCode } : {})}\n`);
  process.exit(1);
}

function redact(message, url) {
  return url ? String(message).split(url).join('<REDACTED>') : String(message);
}

async function withClient(connectionString, fn) {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** The same server with another database name. */
function withDatabase(url, database) {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function runCli(command, { url }) {
  if (command === 'version') {
    writeSync(1, 'schema-engine-cli (wasm shim)\n');
    return;
  }
  if (!url) failCli('No datasource URL was given.', 'P1012');
  if (command === 'can-connect-to-database') {
    try {
      await withClient(url, (client) => client.query('SELECT 1'));
    } catch (error) {
      const code = error?.code === '3D000' ? 'P1003' : 'P1001';
      failCli(redact(error?.message ?? error, url), code);
    }
    return;
  }
  if (command === 'create-database') {
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    try {
      await withClient(withDatabase(url, 'postgres'), (client) =>
        client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`),
      );
    } catch (error) {
      failCli(redact(error?.message ?? error, url), 'P1000');
    }
    return;
  }
  if (command === 'drop-database') {
    const database = decodeURIComponent(new URL(url).pathname.slice(1));
    try {
      await withClient(withDatabase(url, 'postgres'), (client) =>
        client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`),
      );
    } catch (error) {
      failCli(redact(error?.message ?? error, url), 'P1000');
    }
    return;
  }
  failCli(`Unsupported command: cli ${command}`);
}

/**
 * adapter-pg cannot map PostgreSQL's internal single-byte `"char"` type (OID 18), which the
 * engine reads from pg_catalog (prisma/prisma#27403). pg already returns its values as
 * strings, so the column is reported as TEXT. Patched once on the prototype that owns
 * performIO, so transactions (a subclass) get it too.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;
let charColumnsMapped = false;
function mapCharColumns(adapter) {
  if (charColumnsMapped) return adapter;
  let proto = Object.getPrototypeOf(adapter);
  while (proto && !Object.hasOwn(proto, 'performIO')) proto = Object.getPrototypeOf(proto);
  if (!proto)
    throw new Error('adapter-pg changed: performIO not found; the "char" workaround needs updating');
  const performIO = proto.performIO;
  proto.performIO = async function (query, ...rest) {
    const result = await performIO.call(this, query, ...rest);
    for (const field of result.fields ?? []) {
      if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  charColumnsMapped = true;
  return adapter;
}

/**
 * adapter-pg's own connectToShadowDb() reuses the main database when given a connection
 * string, so the shadow database is created and dropped here: from shadowDatabaseUrl when
 * configured, otherwise as a fresh database on the same server.
 */
function createAdapterFactory({ url, shadowDatabaseUrl }) {
  const main = new PrismaPg({ connectionString: url });
  return {
    provider: main.provider,
    adapterName: main.adapterName,
    connect: async () => mapCharColumns(await main.connect()),
    connectToShadowDb: async () => {
      if (shadowDatabaseUrl)
        return mapCharColumns(await new PrismaPg({ connectionString: shadowDatabaseUrl }).connect());
      const name = `prisma_shadow_${process.pid}_${Date.now()}`;
      await withClient(url, (client) => client.query(`CREATE DATABASE "${name}"`));
      const adapter = mapCharColumns(
        await new PrismaPg({ connectionString: withDatabase(url, name) }).connect(),
      );
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await withClient(url, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
      };
      return adapter;
    },
  };
}

async function loadEngine() {
  // The package's entry imports its .wasm as an ES module, which Node does not do by
  // default; instantiate it by hand with the bindings as imports instead.
  const bindingsUrl = import.meta.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
  const bindings = await import(bindingsUrl);
  const bytes = readFileSync(new URL('schema_engine_bg.wasm', bindingsUrl));
  const { instance } = await WebAssembly.instantiate(bytes, { './schema_engine_bg.js': bindings });
  bindings.__wbg_set_wasm(instance.exports);
  instance.exports.__wbindgen_start?.();
  return bindings;
}

function rpcError(error) {
  const message = error?.message ?? String(error);
  return {
    code: 4466,
    message: 'An error happened. Check the data field for details.',
    data: { is_panic: false, message, error_code: error?.error_code ?? error?.code, meta: error?.meta },
  };
}

async function serve(options) {
  const { SchemaEngine } = await loadEngine();
  const datamodels = options.datamodels.map((path) => [path, readFileSync(path, 'utf8')]);
  const adapter = bindMigrationAwareSqlAdapterFactory(createAdapterFactory(options.datasource));
  const log = (line) => writeSync(2, `${typeof line === 'string' ? line : JSON.stringify(line)}\n`);
  const engine = await SchemaEngine.new(
    { datamodels: datamodels.length ? datamodels : undefined },
    log,
    adapter,
  );
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let printId = 1_000_000;
  for await (const line of lines) {
    if (!line.trim()) continue;
    const request = JSON.parse(line);
    // The CLI's answers to our `print` requests need no action.
    if (!request.method) continue;
    const method = request.method;
    try {
      if (typeof engine[method] !== 'function') throw new Error(`Unknown method ${method}`);
      const result = await engine[method](request.params ?? {});
      // The native engine prints `migrate diff` output by sending the CLI a `print`
      // request; the wasm engine returns it as `stdout` instead. Forward it the native way.
      if (result && typeof result === 'object' && typeof result.stdout === 'string') {
        const content = result.stdout;
        result.stdout = null;
        process.stdout.write(
          `${JSON.stringify({ jsonrpc: '2.0', id: printId++, method: 'print', params: { content } })}\n`,
        );
      }
      process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, result: result ?? null })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', id: request.id, error: rpcError(error) })}\n`);
    }
  }
}

const options = parseArgs(process.argv.slice(2));
if (options.cli) {
  await runCli(options.cli, options.datasource);
  process.exit(0);
} else {
  await serve(options);
}
