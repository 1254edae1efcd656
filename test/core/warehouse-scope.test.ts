/**
 * The one function that decides what a task may read. If this breaks, a channel mapped to
 * `retail` could read every dataset, a mapping could raise the operator's byte cap and run
 * up the warehouse bill, or a mapping's location would be ignored and jobs would fail in
 * the wrong region.
 */
import { describe, expect, it } from 'vitest';
import type { ChannelMappingView } from '../../src/core/ports/task-handler.ts';
import { effectiveByteCap, resolveWarehouseScope } from '../../src/core/warehouse-scope.ts';

const global = { projectId: 'acme-prod', datasets: ['retail', 'hr'], location: 'US', maxBytesBilled: 1_000 };

function mapping(overrides: Partial<ChannelMappingView> = {}): ChannelMappingView {
  return {
    projectId: 'acme-sales',
    allowedDatasets: ['retail'],
    location: null,
    maxBytesBilled: null,
    ...overrides,
  };
}

describe('resolveWarehouseScope', () => {
  it('takes the configuration when nothing is mapped', () => {
    expect(resolveWarehouseScope({ channel: null, workspaceDefault: null, global })).toEqual({
      projectId: 'acme-prod',
      allowedDatasets: ['retail', 'hr'],
      location: 'US',
      maxBytesBilled: 1_000,
      source: 'configuration',
    });
  });

  it('reads every dataset when the configuration names none', () => {
    const scope = resolveWarehouseScope({
      channel: null,
      workspaceDefault: null,
      global: { ...global, datasets: [] },
    });
    expect(scope.allowedDatasets).toBe('*');
  });

  it("prefers the channel's mapping over the workspace default", () => {
    const scope = resolveWarehouseScope({
      channel: mapping({ allowedDatasets: ['hr'] }),
      workspaceDefault: mapping({ allowedDatasets: ['retail'] }),
      global,
    });
    expect(scope).toMatchObject({ allowedDatasets: ['hr'], projectId: 'acme-sales', source: 'channel' });
  });

  it('falls back to the workspace default', () => {
    const scope = resolveWarehouseScope({ channel: null, workspaceDefault: mapping(), global });
    expect(scope).toMatchObject({ allowedDatasets: ['retail'], source: 'workspace-default' });
  });

  it("uses the mapping's location, else the configured one", () => {
    expect(
      resolveWarehouseScope({
        channel: mapping({ location: 'asia-northeast1' }),
        workspaceDefault: null,
        global,
      }).location,
    ).toBe('asia-northeast1');
    expect(resolveWarehouseScope({ channel: mapping(), workspaceDefault: null, global }).location).toBe('US');
  });

  it('never lets a mapping raise the global byte cap', () => {
    const raised = resolveWarehouseScope({
      channel: mapping({ maxBytesBilled: 5_000 }),
      workspaceDefault: null,
      global,
    });
    expect(raised.maxBytesBilled).toBe(1_000);
    const lowered = resolveWarehouseScope({
      channel: mapping({ maxBytesBilled: 200 }),
      workspaceDefault: null,
      global,
    });
    expect(lowered.maxBytesBilled).toBe(200);
  });

  it('keeps the configured project when a mapping has none', () => {
    const scope = resolveWarehouseScope({
      channel: mapping({ projectId: '' }),
      workspaceDefault: null,
      global,
    });
    expect(scope.projectId).toBe('acme-prod');
  });
});

describe('effectiveByteCap', () => {
  it('treats a missing, zero or non-finite cap as the global one', () => {
    expect(effectiveByteCap(null, 10)).toBe(10);
    expect(effectiveByteCap(0, 10)).toBe(10);
    expect(effectiveByteCap(Number.NaN, 10)).toBe(10);
    expect(effectiveByteCap(3, 10)).toBe(3);
    expect(effectiveByteCap(30, 10)).toBe(10);
  });
});
