/**
 * Inputs cross into the VM as JSON text, never as host objects. Warehouse rows carry a few
 * values JSON cannot hold: DuckDB returns counts as BigInt, so those become numbers when
 * exact and decimal strings otherwise (the library's helpers accept numeric strings).
 */
export function serializeInputs(inputs: Record<string, unknown>): string {
  return JSON.stringify(inputs, (_key, value: unknown) => {
    if (typeof value === 'bigint') {
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
        ? Number(value)
        : value.toString();
    }
    return value;
  });
}
