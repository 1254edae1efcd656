/**
 * The process's one warehouse, shared by questions and digests: made when first needed
 * (or at start, by `ready()`), closed once at shutdown. Two warehouses in one process
 * would list the catalogue twice and split the channel budget's in-flight accounting.
 */
import type { Warehouse } from './warehouse.ts';

export interface ProcessWarehouse extends Warehouse {
  /** Makes it now: the worker does at start, so the demo estate exists before the first question. */
  ready(): Promise<void>;
}

export function createProcessWarehouse(create: () => Promise<Warehouse>): ProcessWarehouse {
  let made: Promise<Warehouse> | null = null;
  let opened: Warehouse | null = null;
  const get = () =>
    (made ??= create().then((warehouse) => {
      opened = warehouse;
      return warehouse;
    }));
  return {
    async ready() {
      await get();
    },
    async open(task) {
      return (await get()).open(task);
    },
    check: () => opened?.check() ?? null,
    async close() {
      if (made) await (await made).close();
    },
  };
}
