/**
 * `kotae mcp` configuration. If this breaks, an operator gets a stack trace instead of a
 * one-line reason, an HTTP server starts without a token, or a BigQuery server starts with
 * no dataset allowlist.
 */
import { describe, expect, it } from 'vitest';
import { parseMcpOptions } from '../../src/mcp/cli-options.ts';

const parse = (argv: string[], env: Record<string, string> = {}) => parseMcpOptions(argv, env);
const error = (argv: string[], env: Record<string, string> = {}) => {
  try {
    parse(argv, env);
  } catch (thrown) {
    return (thrown as Error).message;
  }
  throw new Error('expected an error');
};

describe('parseMcpOptions', () => {
  it('defaults to the demo over stdio with the retail dataset and Kotae-wide limits', () => {
    expect(parse(['--stdio'])).toEqual({
      mode: { kind: 'stdio' },
      backend: { kind: 'duckdb', path: '.kotae/demo.duckdb', demo: true },
      allowedDatasets: ['retail'],
      maxBytesBilled: 10 * 1024 ** 3,
      maxRows: 1000,
      maxResultBytes: 2 * 1024 ** 2,
      timeoutMs: 60_000,
    });
  });

  it('reads BigQuery settings from the same variables as the rest of Kotae; flags win', () => {
    const options = parse(['--stdio', '--max-bytes', '500MB'], {
      BIGQUERY_PROJECT_ID: 'acme-analytics',
      BIGQUERY_LOCATION: 'asia-northeast1',
      BIGQUERY_DATASETS: 'sales, marketing',
      MAX_BYTES_BILLED: '1GB',
      MAX_RESULT_ROWS: '250',
    });
    expect(options).toMatchObject({
      backend: { kind: 'bigquery', projectId: 'acme-analytics', location: 'asia-northeast1' },
      allowedDatasets: ['sales', 'marketing'],
      maxBytesBilled: 500 * 1024 ** 2,
      maxRows: 250,
    });
  });

  it('takes a bearer token from the environment for HTTP', () => {
    expect(parse(['--http', '8765'], { KOTAE_MCP_TOKEN: 'a-long-enough-secret' }).mode).toEqual({
      kind: 'http',
      host: '127.0.0.1',
      port: 8765,
      token: 'a-long-enough-secret',
    });
  });

  it('explains each problem in one line naming the flag', () => {
    expect(error([])).toBe('kotae mcp: choose exactly one of --stdio or --http <port>');
    expect(error(['--stdio', '--http', '1'], { KOTAE_MCP_TOKEN: 'a-long-enough-secret' })).toBe(
      'kotae mcp: choose exactly one of --stdio or --http <port>',
    );
    expect(error(['--http', '8765'])).toMatch(/^--token: HTTP needs a bearer token/);
    expect(error(['--http', '8765', '--token', 'short'])).toBe('--token: must be at least 16 characters');
    expect(error(['--stdio', '--max-bytes', 'lots'])).toBe(
      '--max-bytes: must be a size like 10GB or a number of bytes (got "lots")',
    );
    expect(error(['--stdio', '--max-rows', '2.5'])).toBe(
      '--max-rows: must be a whole number of at least 1 (got "2.5")',
    );
    expect(error(['--stdio', '--project', 'acme'])).toMatch(
      /^--datasets: BigQuery needs the datasets to allow/,
    );
    expect(error(['--stdio', '--backend', 'oracle'])).toBe('--backend: must be duckdb or bigquery');
    expect(error(['--stdio', '--frobnicate'])).toMatch(
      /^Unknown option '--frobnicate'.*\(see kotae mcp --help\)$/,
    );
    for (const message of [error([]), error(['--stdio', '--max-bytes', 'lots'])])
      expect(message).not.toContain('\n');
  });

  it('serves a DuckDB file of your own with every dataset unless told otherwise', () => {
    expect(parse(['--stdio', '--duckdb', 'warehouse.duckdb'])).toMatchObject({
      backend: { kind: 'duckdb', path: 'warehouse.duckdb', demo: false },
      allowedDatasets: '*',
    });
  });
});
