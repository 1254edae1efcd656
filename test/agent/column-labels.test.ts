/**
 * Table headers people can read: labels from the model (make_chart) or, by default, from
 * the table metadata ("都道府県名 / Prefecture name"), and money shown as money. If this
 * breaks, the answer's table shows `prefecture_name` and `total_amount` and bare numbers.
 */
import { describe, expect, it } from 'vitest';
import { labelFromDescription } from '../../src/agent/column-labels.ts';
import { createResultStore } from '../../src/agent/result-store.ts';
import { formatCell } from '../../src/render/table-text.ts';
import { tableView } from '../../src/render/table-view.ts';

describe('column labels', () => {
  it('reads the metadata convention "日本語 / English" in the reader’s language, with its currency', () => {
    expect(labelFromDescription('都道府県名 / Prefecture name (Japanese)', 'ja')).toEqual({
      label: '都道府県名',
    });
    expect(labelFromDescription('都道府県名 / Prefecture name (Japanese)', 'en')).toEqual({
      label: 'Prefecture name',
    });
    expect(
      labelFromDescription(
        '注文金額（税込、円、値引後） / Order total (tax included, JPY, after discounts)',
        'ja',
      ),
    ).toEqual({
      label: '注文金額',
      currency: 'JPY',
    });
    expect(labelFromDescription('Revenue in USD', 'ja')).toEqual({
      label: 'Revenue in USD',
      currency: 'USD',
    });
    expect(labelFromDescription('', 'en')).toBeNull();
  });

  it('puts the model’s labels over the metadata’s, and leaves other columns by name', () => {
    const store = createResultStore();
    store.addQuery({
      sql: 'SELECT 1',
      columns: [
        { name: 'prefecture_name', type: 'STRING' },
        { name: 'total_amount', type: 'INT64' },
        { name: 'orders', type: 'INT64' },
      ],
      rows: [['東京都', 1234567, 4321]],
      totalRows: 1,
      truncated: false,
      bytesProcessed: 0,
    });
    store.describeColumns({
      prefecture_name: { label: '都道府県名' },
      total_amount: { label: '注文金額', currency: 'JPY' },
    });
    store.labelColumns({ total_amount: { label: '売上' } });
    const view = tableView(store.lastTable()!, 'ja');
    expect(view.header).toEqual(['都道府県名', '売上', 'orders']);
    expect(view.rows[0]).toEqual(['東京都', '￥1,234,567', '4,321']);
    expect(view.numeric).toEqual([false, true, true]);
  });

  it('formats money and NUMERIC strings for the locale', () => {
    const yen = { name: 'sales', type: 'NUMERIC', currency: 'JPY' };
    expect(formatCell('126700', yen, 'en')).toBe('¥126,700');
    expect(formatCell(1234.5, { name: 'x', type: 'FLOAT64', currency: 'USD' }, 'en')).toBe('$1,234.50');
    expect(formatCell('126700', { name: 'sales', type: 'NUMERIC' }, 'ja')).toBe('126,700');
    // Too many digits for a double: shown as written, never rounded.
    expect(formatCell('12345678901234567890', { name: 'n', type: 'BIGNUMERIC' }, 'en')).toBe(
      '12345678901234567890',
    );
  });
});
