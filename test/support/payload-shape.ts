/**
 * Checks a payload against a documented example: every key we send must appear in the
 * example at the same place with the same JSON type, and a "type" discriminator must
 * match. Arrays match element-wise against any example element. A field the vendor does
 * not document (a typo, a field from another block) fails the check.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export function shapeProblems(actual: unknown, example: unknown, path = '$'): string[] {
  if (Array.isArray(example)) {
    if (!Array.isArray(actual)) return [`${path}: expected an array`];
    if (example.length === 0) return [];
    return actual.flatMap((item, i) => {
      const attempts = example.map((candidate) => shapeProblems(item, candidate, `${path}[${i}]`));
      return attempts.some((problems) => problems.length === 0)
        ? []
        : attempts.reduce((best, next) => (next.length < best.length ? next : best));
    });
  }
  if (example !== null && typeof example === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${path}: expected an object`];
    const exampleObject = example as Record<string, Json>;
    const actualObject = actual as Record<string, unknown>;
    if (typeof exampleObject.type === 'string' && actualObject.type !== exampleObject.type) {
      return [`${path}.type: ${String(actualObject.type)} is not ${exampleObject.type}`];
    }
    return Object.entries(actualObject).flatMap(([key, value]) =>
      key in exampleObject
        ? shapeProblems(value, exampleObject[key], `${path}.${key}`)
        : [`${path}.${key}: not in the documented shape`],
    );
  }
  return typeof actual === typeof example
    ? []
    : [`${path}: expected ${typeof example}, got ${typeof actual}`];
}
