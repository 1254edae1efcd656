/**
 * `kotae mcp`: the warehouse MCP server on its own, for any MCP client.
 *   kotae mcp --stdio                 one client on stdin/stdout (logs go to stderr)
 *   kotae mcp --http 8765 --token …   Streamable HTTP at /mcp, bearer token required
 * The query log goes to stderr as JSON lines. Returns when the client disconnects (stdio)
 * or on SIGINT/SIGTERM.
 */
import { existsSync } from 'node:fs';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { errorMessage } from '../core/errors.ts';
import { resolveWarehouseScope } from '../core/warehouse-scope.ts';
import { MCP_USAGE, McpCommandError, parseMcpOptions, type McpCommandOptions } from './cli-options.ts';
import { startMcpHttpServer } from './mcp-http-server.ts';
import { createJsonLinesQueryLog } from './query-log.ts';
import { openWarehouse, warehousePolicy } from './open-warehouse.ts';
import { describeAllowlist } from './warehouse-policy.ts';
import { createWarehouseServer } from './warehouse-server.ts';

export { McpCommandError } from './cli-options.ts';

function log(message: string): void {
  process.stderr.write(`kotae mcp: ${message}\n`);
}

/** A DuckDB file of your own must exist: only the demo estate is made for you. */
function checkSpec(options: McpCommandOptions): void {
  const spec = options.backend;
  if (spec.kind === 'duckdb' && !spec.demo && !existsSync(spec.path))
    throw new McpCommandError(`--duckdb: no such file: ${spec.path}`);
}

function waitForSignal(): Promise<string> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

export async function runMcpCommand(argv: string[], env: Record<string, string | undefined>): Promise<void> {
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(MCP_USAGE);
    return;
  }
  const options = parseMcpOptions(argv, env);
  checkSpec(options);
  const { backend, label } = await openWarehouse(options.backend, {
    onDemoGenerated: (path, ms) => log(`generated the demo estate at ${path} in ${(ms / 1000).toFixed(1)} s`),
  });
  // The standalone server has no channel: its scope is the configuration, resolved by the
  // same function the bot uses, so the two can never disagree on caps or datasets.
  const scope = resolveWarehouseScope({
    channel: null,
    workspaceDefault: null,
    global: {
      projectId: options.backend.kind === 'bigquery' ? options.backend.projectId : null,
      datasets: options.allowedDatasets === '*' ? [] : options.allowedDatasets,
      location: options.backend.kind === 'bigquery' ? (options.backend.location ?? null) : null,
      maxBytesBilled: options.maxBytesBilled,
    },
  });
  const policy = warehousePolicy(
    scope,
    {
      maxResultRows: options.maxRows,
      maxResultBytes: options.maxResultBytes,
      queryTimeoutMs: options.timeoutMs,
    },
    { kotae_source: `mcp_${options.mode.kind}` },
  );
  const queryLog = createJsonLinesQueryLog((line) => process.stderr.write(line));
  const makeServer = () =>
    createWarehouseServer({
      backend,
      policy,
      queryLog,
      context: env['USER'] ? { userId: env['USER'] } : {},
      onLogError: (error) => log(`query log failed: ${errorMessage(error)}`),
    });
  const summary = `${label}; datasets: ${describeAllowlist(policy)}; byte cap ${policy.maxBytesBilled}`;

  try {
    if (options.mode.kind === 'stdio') {
      const server = makeServer();
      const closed = new Promise<void>((resolve) => {
        process.stdin.once('end', resolve);
        process.stdin.once('close', resolve);
      });
      await server.connect(new StdioServerTransport());
      log(`serving ${summary} over stdio`);
      await Promise.race([closed, waitForSignal()]);
      await server.close();
      return;
    }
    const http = await startMcpHttpServer({
      host: options.mode.host,
      port: options.mode.port,
      token: options.mode.token,
      createServer: makeServer,
      onError: (error) => log(`request failed: ${errorMessage(error)}`),
    });
    log(`serving ${summary} at ${http.url}`);
    await waitForSignal();
    await http.close();
  } finally {
    await backend.close();
  }
}
