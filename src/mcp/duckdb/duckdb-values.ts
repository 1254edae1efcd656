/**
 * DuckDB values → JSON-safe values, following json-values.ts. DuckDB's TIMESTAMP has no
 * zone, so it is a DATETIME in BigQuery's terms; TIMESTAMPTZ is the instant.
 */
import {
  arrayFromArrayValue,
  arrayFromListValue,
  booleanFromValue,
  createDuckDBValueConverter,
  DuckDBBlobValue,
  DuckDBDecimalValue,
  DuckDBTimestampTZValue,
  DuckDBTypeId,
  fromVariantValue,
  nullConverter,
  numberFromValue,
  objectArrayFromMapValue,
  objectFromStructValue,
  objectFromUnionValue,
  stringFromValue,
  unsupportedConverter,
  type DuckDBValueConverter,
} from '@duckdb/node-api';
import { decimalToJson, floatToJson, integerToJson, microsToTimestamp } from '../json-values.ts';

type Json = unknown;

const integer: DuckDBValueConverter<Json> = (value) =>
  typeof value === 'bigint' ? integerToJson(value) : Number(value);

const float: DuckDBValueConverter<Json> = (value) => floatToJson(Number(value));

const decimal: DuckDBValueConverter<Json> = (value) =>
  value instanceof DuckDBDecimalValue ? decimalToJson(value.toString()) : decimalToJson(String(value));

/** "2024-12-27 19:26:00" → "2024-12-27T19:26:00" (wall clock, no zone). */
const datetime: DuckDBValueConverter<Json> = (value) => String(value).replace(' ', 'T');

const instant: DuckDBValueConverter<Json> = (value) =>
  value instanceof DuckDBTimestampTZValue ? microsToTimestamp(value.micros) : String(value);

const blob: DuckDBValueConverter<Json> = (value) =>
  value instanceof DuckDBBlobValue ? Buffer.from(value.bytes).toString('base64') : String(value);

export const jsonSafeConverter: DuckDBValueConverter<Json> = createDuckDBValueConverter<Json>({
  [DuckDBTypeId.INVALID]: unsupportedConverter,
  [DuckDBTypeId.BOOLEAN]: booleanFromValue,
  [DuckDBTypeId.TINYINT]: numberFromValue,
  [DuckDBTypeId.SMALLINT]: numberFromValue,
  [DuckDBTypeId.INTEGER]: numberFromValue,
  [DuckDBTypeId.BIGINT]: integer,
  [DuckDBTypeId.UTINYINT]: numberFromValue,
  [DuckDBTypeId.USMALLINT]: numberFromValue,
  [DuckDBTypeId.UINTEGER]: numberFromValue,
  [DuckDBTypeId.UBIGINT]: integer,
  [DuckDBTypeId.FLOAT]: float,
  [DuckDBTypeId.DOUBLE]: float,
  [DuckDBTypeId.TIMESTAMP]: datetime,
  [DuckDBTypeId.DATE]: stringFromValue,
  [DuckDBTypeId.TIME]: stringFromValue,
  [DuckDBTypeId.INTERVAL]: stringFromValue,
  [DuckDBTypeId.HUGEINT]: integer,
  [DuckDBTypeId.UHUGEINT]: integer,
  [DuckDBTypeId.VARCHAR]: stringFromValue,
  [DuckDBTypeId.BLOB]: blob,
  [DuckDBTypeId.DECIMAL]: decimal,
  [DuckDBTypeId.TIMESTAMP_S]: datetime,
  [DuckDBTypeId.TIMESTAMP_MS]: datetime,
  [DuckDBTypeId.TIMESTAMP_NS]: datetime,
  [DuckDBTypeId.ENUM]: stringFromValue,
  [DuckDBTypeId.LIST]: arrayFromListValue,
  [DuckDBTypeId.STRUCT]: objectFromStructValue,
  [DuckDBTypeId.MAP]: objectArrayFromMapValue,
  [DuckDBTypeId.ARRAY]: arrayFromArrayValue,
  [DuckDBTypeId.UUID]: stringFromValue,
  [DuckDBTypeId.UNION]: objectFromUnionValue,
  [DuckDBTypeId.BIT]: stringFromValue,
  [DuckDBTypeId.TIME_TZ]: stringFromValue,
  [DuckDBTypeId.TIMESTAMP_TZ]: instant,
  [DuckDBTypeId.ANY]: unsupportedConverter,
  [DuckDBTypeId.BIGNUM]: integer,
  [DuckDBTypeId.SQLNULL]: nullConverter,
  [DuckDBTypeId.STRING_LITERAL]: stringFromValue,
  [DuckDBTypeId.INTEGER_LITERAL]: integer,
  [DuckDBTypeId.TIME_NS]: stringFromValue,
  [DuckDBTypeId.GEOMETRY]: stringFromValue,
  [DuckDBTypeId.VARIANT]: fromVariantValue,
});
