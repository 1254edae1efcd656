/**
 * Cells as text and monospaced tables. If this breaks, Japanese tables come out ragged,
 * years show as "2,024", or a huge cell blows a platform's size limit.
 */
import { describe, expect, it } from 'vitest';
import { clipToWidth, displayWidth, formatCell, renderTextTable } from '../../src/render/table-text.ts';
import { tableNotes, tableView } from '../../src/render/table-view.ts';
import { bigTable } from '../support/sample-replies.ts';

describe('table text', () => {
  it('counts full-width characters as two columns', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('渋谷店')).toBe(6);
    expect(displayWidth('ｶﾀｶﾅ')).toBe(4);
    expect(displayWidth('👍')).toBe(2);
    expect(clipToWidth('東京都渋谷区', 7)).toEqual({ text: '東京都…', clipped: true });
  });

  it('aligns Japanese and numbers by display width', () => {
    expect(
      renderTextTable(
        ['店舗', 'sales'],
        [
          ['渋谷店', '1,234'],
          ['a', '5'],
        ],
        [false, true],
      ),
    ).toEqual(['店舗   | sales', '-------+------', '渋谷店 | 1,234', 'a      |     5']);
  });

  it('formats numbers per locale but keeps years and ids as written', () => {
    const sales = { name: 'sales', type: 'INT64' };
    expect(formatCell(1234567, sales, 'ja')).toBe('1,234,567');
    expect(formatCell(2024, { name: 'order_year', type: 'INT64' }, 'en')).toBe('2024');
    expect(formatCell(10042, { name: 'store_id', type: 'INT64' }, 'en')).toBe('10042');
    expect(formatCell(0.12345, { name: 'ratio', type: 'FLOAT64' }, 'en')).toBe('0.1235');
    expect(formatCell(null, sales, 'en')).toBe('—');
    expect(formatCell('a\nb', { name: 'x', type: 'STRING' }, 'en')).toBe('a b');
  });

  it('says what a summary leaves out, including a query cut short', () => {
    const table = { ...bigTable(1000, 25), totalRows: 5000, truncated: true };
    const view = tableView(table, 'en');
    expect(view.rows).toHaveLength(20);
    expect(view.header).toHaveLength(20);
    expect(tableNotes(view, 'en', { kind: 'attached', filename: 'r.csv' })).toEqual([
      '4,980 more rows',
      '5 more columns not shown',
      'The query returned 5,000 rows; the first 1,000 were kept.',
      'All 1,000 rows are in the attached CSV file (r.csv).',
    ]);
    expect(tableNotes(tableView(bigTable(3), 'ja'), 'ja', { kind: 'none' })).toEqual([]);
    expect(tableNotes(tableView(bigTable(0), 'ja'), 'ja', { kind: 'none' })).toEqual([
      '該当する行はありません。',
    ]);
  });
});
