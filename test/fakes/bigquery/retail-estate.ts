/**
 * A small estate for the fake BigQuery, shaped like the demo: a `retail` dataset the
 * channel may read, an `hr` dataset it may not, a view in `retail` that reads `hr`, and a
 * `typed` table with every scalar type the normaliser handles, in REST wire format.
 */
import type { FakeDataset, WireValue } from './fake-bigquery.ts';

export const PROJECT = 'kotae-test';

const salesRows: WireValue[][] = Array.from({ length: 25 }, (_, i) => [
  `2026-10-${String((i % 28) + 1).padStart(2, '0')}`,
  String((i % 5) + 1),
  String(100_000 + i * 1000),
]);

export function retailEstate(): FakeDataset[] {
  return [
    {
      id: 'retail',
      description: '小売の売上と店舗 / Retail sales and stores',
      tables: [
        {
          id: 'sales',
          description: '日次売上 / Daily sales per store',
          numBytes: 2_000_000_000,
          schema: [
            { name: 'sale_date', type: 'DATE', mode: 'NULLABLE', description: '売上日 / Sales date' },
            { name: 'store_id', type: 'INTEGER', mode: 'NULLABLE', description: '店舗ID / Store id' },
            {
              name: 'amount',
              type: 'INTEGER',
              mode: 'NULLABLE',
              description: '売上金額（円） / Sales amount (JPY)',
            },
          ],
          rows: salesRows,
        },
        {
          id: 'sales_small',
          description: '日次売上（直近） / Recent daily sales',
          numBytes: 1_000_000,
          schema: [
            { name: 'sale_date', type: 'DATE', mode: 'NULLABLE' },
            { name: 'store_id', type: 'INTEGER', mode: 'NULLABLE' },
            { name: 'amount', type: 'INTEGER', mode: 'NULLABLE' },
          ],
          rows: salesRows.slice(0, 5),
        },
        {
          id: 'stores_view',
          type: 'VIEW',
          description: '営業中の店舗 / Open stores',
          schema: [
            { name: 'store_id', type: 'INTEGER' },
            { name: 'store_name', type: 'STRING' },
          ],
          reads: [{ projectId: PROJECT, datasetId: 'retail', tableId: 'stores' }],
        },
        {
          id: 'stores',
          description: '店舗マスタ / Stores',
          numBytes: 4_000,
          schema: [
            { name: 'store_id', type: 'INTEGER', mode: 'REQUIRED' },
            { name: 'store_name', type: 'STRING', mode: 'NULLABLE', description: '店舗名 / Store name' },
            { name: 'prefecture', type: 'STRING', mode: 'NULLABLE', description: '都道府県 / Prefecture' },
          ],
          rows: [
            ['1', 'こたえマート渋谷店', '東京都'],
            ['2', 'こたえマート梅田店', '大阪府'],
          ],
        },
        {
          id: 'store_staffing',
          type: 'VIEW',
          description: '店舗別スタッフ数（hr.staff を参照） / Staff per store (reads hr.staff)',
          schema: [
            { name: 'store_id', type: 'INTEGER' },
            { name: 'staff_count', type: 'INTEGER' },
          ],
          reads: [{ projectId: PROJECT, datasetId: 'hr', tableId: 'staff' }],
        },
        {
          id: 'typed',
          description: 'Every type, for the normaliser',
          numBytes: 1_000,
          schema: [
            { name: 'big_int', type: 'INTEGER' },
            { name: 'small_int', type: 'INTEGER' },
            { name: 'price', type: 'NUMERIC' },
            { name: 'exact', type: 'NUMERIC' },
            { name: 'huge', type: 'BIGNUMERIC' },
            { name: 'ratio', type: 'FLOAT' },
            { name: 'not_a_number', type: 'FLOAT' },
            { name: 'flag', type: 'BOOLEAN' },
            { name: 'day', type: 'DATE' },
            { name: 'at', type: 'TIMESTAMP' },
            { name: 'local', type: 'DATETIME' },
            { name: 'tags', type: 'STRING', mode: 'REPEATED' },
            {
              name: 'address',
              type: 'RECORD',
              fields: [
                { name: 'city', type: 'STRING' },
                { name: 'zip', type: 'INTEGER' },
              ],
            },
            { name: 'missing', type: 'STRING' },
          ],
          rows: [
            [
              '9007199254740993',
              '42',
              '12345.6700',
              '0.5',
              '123456789012345678901234567890.123456789',
              '0.25',
              'NaN',
              'true',
              '2026-10-31',
              '1761868800123456',
              '2026-10-31T09:30:00.250000',
              [{ v: '売上' }, { v: 'sales' }],
              { f: [{ v: '渋谷区' }, { v: '1500002' }] },
              null,
            ],
          ],
        },
      ],
    },
    {
      id: 'hr',
      description: '人事（機密） / HR (confidential)',
      tables: [
        {
          id: 'staff',
          description: 'スタッフと給与 / Staff and pay',
          numBytes: 50_000,
          schema: [
            { name: 'staff_id', type: 'INTEGER' },
            { name: 'store_id', type: 'INTEGER' },
            { name: 'hourly_wage', type: 'INTEGER' },
          ],
          rows: [['1', '1', '1200']],
        },
      ],
    },
  ];
}
