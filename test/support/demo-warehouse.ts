/**
 * The demo estate for tests: generated once per machine (per demo version) into the OS
 * temp directory and reused by every test file and run, as `kotae dev` reuses .kotae/.
 * Generation is atomic (temp file + rename), so parallel test files may race safely.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDemoDataset } from '../../src/mcp/duckdb/demo-dataset.ts';
import type { WarehousePolicy } from '../../src/mcp/warehouse-policy.ts';

export async function sharedDemoPath(): Promise<string> {
  const { path } = await ensureDemoDataset(join(tmpdir(), 'kotae-test-cache', 'demo.duckdb'));
  return path;
}

/** The demo channel's policy: `retail` allowed, `hr` not; generous caps for the demo's size. */
export function demoPolicy(overrides: Partial<WarehousePolicy> = {}): WarehousePolicy {
  return {
    allowedDatasets: ['retail'],
    maxBytesBilled: 1024 ** 3,
    maxRows: 200,
    maxResultBytes: 256 * 1024,
    timeoutMs: 30_000,
    ...overrides,
  };
}
