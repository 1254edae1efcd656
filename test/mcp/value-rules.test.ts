/**
 * Small rules the backends rely on: JSON-safe numbers and times, BigQuery label hygiene, and
 * masking SQL comments and strings. If these break, amounts get rounded, timestamps shift,
 * jobs are rejected for bad labels, or a comment mentioning INFORMATION_SCHEMA is refused
 * while a real reference slips through.
 */
import { describe, expect, it } from 'vitest';
import { lexicalFindings, maskCommentsAndStrings } from '../../src/mcp/bigquery/bigquery-lexical.ts';
import { sanitizeLabels } from '../../src/mcp/bigquery/job-labels.ts';
import {
  decimalToJson,
  integerToJson,
  microsToDatetime,
  microsToTimestamp,
} from '../../src/mcp/json-values.ts';

describe('JSON-safe values', () => {
  it('keeps integers as numbers only while exact', () => {
    expect(integerToJson('9007199254740991')).toBe(9007199254740991);
    expect(integerToJson('9007199254740992')).toBe('9007199254740992');
    expect(integerToJson('-9007199254740993')).toBe('-9007199254740993');
  });

  it('keeps decimals as numbers only when the number prints back the same', () => {
    expect(decimalToJson('12345.6700')).toBe(12345.67);
    expect(decimalToJson('0.1')).toBe(0.1);
    expect(decimalToJson('-0.000')).toBe(0);
    expect(decimalToJson('99999999999999999999999999999.999999999')).toBe(
      '99999999999999999999999999999.999999999',
    );
    expect(decimalToJson('1.23456789012345678')).toBe('1.23456789012345678');
  });

  it('writes microsecond instants in UTC with a Z, and wall-clock times without', () => {
    expect(microsToTimestamp(1761868800123456n)).toBe('2025-10-31T00:00:00.123456Z');
    expect(microsToTimestamp(-1n)).toBe('1969-12-31T23:59:59.999999Z');
    expect(microsToDatetime(0n)).toBe('1970-01-01T00:00:00');
  });
});

describe('BigQuery job labels', () => {
  it('lower-cases, replaces what the rules forbid and keeps Japanese', () => {
    expect(
      sanitizeLabels({
        kotae_channel: 'spaces/AAAA-bb_1',
        Team: 'Finance Planning',
        '9lives': 'x',
        部署: '経理部',
        long: 'x'.repeat(80),
      }),
    ).toEqual({
      kotae_channel: 'spaces-aaaa-bb_1',
      team: 'finance_planning',
      k9lives: 'x',
      部署: '経理部',
      long: 'x'.repeat(63),
    });
  });
});

describe('BigQuery lexical checks', () => {
  it('masks comments and every string form, keeping length', () => {
    const sql = "SELECT 'a''b', \"c\", r'\\d', '''x\ny''' -- DROP\n# hash\n/* block */ FROM t";
    const masked = maskCommentsAndStrings(sql);
    expect(masked).toHaveLength(sql.length);
    expect(masked).not.toMatch(/DROP|hash|block|x\ny/);
    expect(masked).toMatch(/SELECT .* FROM t$/s);
  });

  it('finds INFORMATION_SCHEMA and EXTERNAL_QUERY in code, not in comments or strings', () => {
    expect(
      lexicalFindings("SELECT 'EXTERNAL_QUERY(' -- region-us.INFORMATION_SCHEMA.JOBS").refusal,
    ).toBeUndefined();
    expect(lexicalFindings('SELECT * FROM `region-us`.INFORMATION_SCHEMA.JOBS').refusal).toMatch(/Region/);
    expect(lexicalFindings('SELECT * FROM external_query ("c", "q")').refusal).toMatch(/EXTERNAL_QUERY/);
    expect(
      lexicalFindings('SELECT * FROM `p.sales.INFORMATION_SCHEMA.TABLES`').informationSchemaDatasets,
    ).toEqual([{ project: 'p', dataset: 'sales' }]);
  });
});
