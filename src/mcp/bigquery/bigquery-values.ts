/**
 * BigQuery REST rows (`{ f: [{ v }] }`, every scalar a string) → JSON-safe values, per
 * json-values.ts. Wire facts (jobs.getQueryResults / tabledata.list):
 *  - INT64 arrives as a decimal string, NUMERIC/BIGNUMERIC as decimal strings;
 *  - TIMESTAMP arrives as int64 microseconds when formatOptions.useInt64Timestamp=true
 *    (the Node client always asks for that), else as float seconds ("1.7E9");
 *  - DATETIME "2024-01-02T03:04:05[.ffffff]", DATE "2024-01-02", TIME "03:04:05";
 *  - REPEATED fields are `[{ v }]`, RECORD/STRUCT values are `{ f: [...] }`;
 *  - BYTES are base64; JSON, GEOGRAPHY (WKT), INTERVAL and RANGE are strings.
 */
import { decimalToJson, floatToJson, integerToJson, microsToTimestamp } from '../json-values.ts';

export interface BigQueryField {
  name?: string | null;
  type?: string | null;
  mode?: string | null;
  description?: string | null;
  fields?: BigQueryField[] | null;
}

export interface BigQueryRow {
  f?: Array<{ v?: unknown }> | null;
}

/** "1.7040672E9" seconds → micros, exactly, without going through a float. */
function floatSecondsToMicros(text: string): bigint {
  const match = /^(-?)(\d+)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return BigInt(Math.round(Number(text) * 1e6));
  const [, sign, whole = '0', fraction = '', exponent = '0'] = match;
  const shift = Number(exponent) + 6;
  const digits = whole + fraction;
  const point = whole.length + shift;
  const integer =
    point >= digits.length ? digits + '0'.repeat(point - digits.length) : digits.slice(0, Math.max(0, point));
  const micros = BigInt(integer || '0');
  return sign === '-' ? -micros : micros;
}

function timestampToJson(value: string): string {
  if (/^-?\d+$/.test(value)) return microsToTimestamp(BigInt(value));
  if (/^-?\d+(\.\d*)?([eE][+-]?\d+)?$/.test(value)) return microsToTimestamp(floatSecondsToMicros(value));
  return value; // already ISO 8601 (timestampOutputFormat=ISO8601_STRING)
}

function scalarToJson(field: BigQueryField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch ((field.type ?? 'STRING').toUpperCase()) {
    case 'RECORD':
    case 'STRUCT':
      return recordToJson(field.fields ?? [], value as BigQueryRow);
    case 'INTEGER':
    case 'INT64':
      return integerToJson(String(value));
    case 'NUMERIC':
    case 'BIGNUMERIC':
      return decimalToJson(String(value));
    case 'FLOAT':
    case 'FLOAT64':
      return floatToJson(Number(value));
    case 'BOOLEAN':
    case 'BOOL':
      return String(value).toLowerCase() === 'true';
    case 'TIMESTAMP':
      return timestampToJson(String(value));
    case 'DATETIME':
      return String(value).replace(' ', 'T');
    default:
      return String(value);
  }
}

function valueToJson(field: BigQueryField, value: unknown): unknown {
  if (field.mode === 'REPEATED') {
    if (!Array.isArray(value)) return [];
    return value.map((item: { v?: unknown }) => scalarToJson(field, item?.v));
  }
  return scalarToJson(field, value);
}

function recordToJson(fields: BigQueryField[], row: BigQueryRow): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  fields.forEach((field, index) => {
    out[field.name ?? `f${index}_`] = valueToJson(field, row.f?.[index]?.v);
  });
  return out;
}

export function rowToJson(fields: BigQueryField[], row: BigQueryRow): unknown[] {
  return fields.map((field, index) => valueToJson(field, row.f?.[index]?.v));
}

/** A field's type as the model should read it: ARRAY<INT64>, STRUCT<a INT64, b STRING>. */
export function fieldTypeName(field: BigQueryField): string {
  const base = (field.type ?? 'STRING').toUpperCase();
  const type =
    base === 'RECORD' || base === 'STRUCT'
      ? `STRUCT<${(field.fields ?? []).map((child) => `${child.name} ${fieldTypeName(child)}`).join(', ')}>`
      : base === 'INTEGER'
        ? 'INT64'
        : base === 'FLOAT'
          ? 'FLOAT64'
          : base === 'BOOLEAN'
            ? 'BOOL'
            : base;
  return field.mode === 'REPEATED' ? `ARRAY<${type}>` : type;
}

/** Columns for search and describe_table: nested fields flattened as parent.child. */
export function flattenFields(
  fields: BigQueryField[],
  prefix = '',
): Array<{ name: string; type: string; description?: string }> {
  return fields.flatMap((field) => {
    const name = `${prefix}${field.name ?? ''}`;
    const own = {
      name,
      type: fieldTypeName(field),
      ...(field.description ? { description: field.description } : {}),
    };
    const children = field.fields && field.fields.length > 0 ? flattenFields(field.fields, `${name}.`) : [];
    return [own, ...children];
  });
}
