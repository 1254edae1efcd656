/**
 * The analysis helpers inside the sandbox, checked against values worked out by hand. If one
 * were wrong, the bot would state wrong numbers (a median, a growth rate) with confidence.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/core/ports/sandbox.ts';
import { createSandbox } from '../../src/sandbox/create-sandbox.ts';
import { ANALYSIS_LIBRARY_DOC, ANALYSIS_LIBRARY_FUNCTIONS } from '../../src/sandbox/analysis-library.ts';

let sandbox: Sandbox;

beforeAll(() => {
  sandbox = createSandbox({ poolSize: 1 });
});

afterAll(async () => {
  await sandbox.close();
});

const orders = [
  { month: '2026-01', prefecture: '東京都', store: '渋谷', amount: 100 },
  { month: '2026-01', prefecture: '大阪府', store: '梅田', amount: '50.5' },
  { month: '2026-02', prefecture: '東京都', store: '新宿', amount: 300 },
  { month: '2026-02', prefecture: '東京都', store: '渋谷', amount: null },
  { month: '2026-03', prefecture: '大阪府', store: '梅田', amount: 80 },
];

async function evaluate(code: string): Promise<unknown> {
  const result = await sandbox.run({ code, inputs: { orders } });
  if (!result.ok)
    throw new Error(`${result.error.kind}: ${result.error.message} (line ${result.error.line})`);
  return result.value;
}

describe('analysis library', () => {
  it('sum, mean and median skip nulls like SQL and accept numeric strings', async () => {
    const value = await evaluate(`return [
      sum(inputs.orders, 'amount'), mean(inputs.orders, 'amount'), median(inputs.orders, 'amount'),
      sum([]), mean([]), median([null]), sum([0.1, 0.2, 0.3]), median([5, 1, 4, 2]),
      sum(inputs.orders, (o) => o.amount === null ? null : Number(o.amount) * 2),
    ];`);
    expect(value).toEqual([530.5, 132.625, 90, 0, null, null, 0.6, 3, 1061]);
  });

  it('percentile interpolates linearly between ranks', async () => {
    const value = await evaluate(
      'return [percentile([1, 2, 3, 4], 25), percentile([10, 20, 30], 100), percentile([10, 20, 30], 0), percentile([7], 90), percentile([], 50)];',
    );
    expect(value).toEqual([1.75, 30, 10, 7, null]);
  });

  it('pctChange gives percent change between two numbers and along a series', async () => {
    const value = await evaluate(`return [
      pctChange(100, 125), pctChange(200, 150), pctChange(-50, -25), pctChange(0, 10), pctChange(null, 5),
      pctChange([100, 110, 99, 0, 5]),
      pctChange([{ v: 10 }, { v: 15 }], 'v'),
    ];`);
    expect(value).toEqual([25, -25, 50, null, null, [null, 10, -10, -100, null], [null, 50]]);
  });

  it('movingAverage uses a trailing window and is null until the window is full', async () => {
    const value = await evaluate(
      'return [movingAverage([1, 2, 3, 4, 5], 3), movingAverage([{ v: 2 }, { v: null }, { v: 4 }], 2, "v")];',
    );
    expect(value).toEqual([
      [null, null, 2, 3, 4],
      [null, 2, 4],
    ]);
  });

  it('group returns groups in first-seen order, or aggregated rows', async () => {
    const value = await evaluate(`return [
      group(inputs.orders, 'prefecture').map((g) => [g.key, g.rows.length]),
      group(inputs.orders, 'prefecture', { sales: (rows) => sum(rows, 'amount'), orders: (rows) => rows.length }),
      group(inputs.orders, ['month', 'prefecture'], { n: (rows) => rows.length }).length,
      group(inputs.orders, (o) => o.month.slice(0, 4), { n: (rows) => rows.length }),
    ];`);
    expect(value).toEqual([
      [
        ['東京都', 3],
        ['大阪府', 2],
      ],
      [
        { prefecture: '東京都', sales: 400, orders: 3 },
        { prefecture: '大阪府', sales: 130.5, orders: 2 },
      ],
      4,
      [{ key: '2026', n: 5 }],
    ]);
  });

  it('pivot spreads a field into columns, null where a cell has no rows', async () => {
    const value = await evaluate(`return [
      pivot(inputs.orders, 'month', 'prefecture', 'amount'),
      pivot(inputs.orders, 'prefecture', 'month', 'amount', 'count'),
      pivot(inputs.orders, 'prefecture', 'month', 'amount', (ns) => ns.length ? Math.max(...ns) : null),
    ];`);
    expect(value).toEqual([
      [
        { month: '2026-01', 東京都: 100, 大阪府: 50.5 },
        { month: '2026-02', 東京都: 300, 大阪府: null },
        { month: '2026-03', 東京都: null, 大阪府: 80 },
      ],
      [
        { prefecture: '東京都', '2026-01': 1, '2026-02': 1, '2026-03': 0 },
        { prefecture: '大阪府', '2026-01': 1, '2026-02': 0, '2026-03': 1 },
      ],
      [
        { prefecture: '東京都', '2026-01': 100, '2026-02': 300, '2026-03': null },
        { prefecture: '大阪府', '2026-01': 50.5, '2026-02': null, '2026-03': 80 },
      ],
    ]);
  });

  it('topN sorts by a field, nulls last, stable among ties', async () => {
    const value = await evaluate(`return [
      topN(inputs.orders, 2, 'amount').map((o) => o.store),
      topN(inputs.orders, 10, 'amount', 'asc').map((o) => o.amount),
      topN([3, 1, 2], 2),
      topN([{ k: 'a', v: 1 }, { k: 'b', v: 1 }, { k: 'c', v: 2 }], 3, 'v').map((o) => o.k),
    ];`);
    expect(value).toEqual([
      ['新宿', '渋谷'],
      ['50.5', 80, 100, 300, null],
      [3, 2],
      ['c', 'a', 'b'],
    ]);
  });

  it('rejects misuse with a message naming the helper and the problem', async () => {
    const cases: Array<[string, string]> = [
      ['percentile([1], 150)', 'percentile: p must be a number from 0 to 100, got 150'],
      ['movingAverage([1], 0)', 'movingAverage: window must be a positive integer, got 0'],
      [
        "pivot([], 'a', 'b', 'c', 'avg')",
        'pivot: agg must be one of sum, mean, median, count, min, max or a function, got "avg"',
      ],
      ["topN([], 1, 'v', 'down')", "topN: order must be 'desc' or 'asc', got \"down\""],
      ['group([], 42)', 'group: by must be a field name, an array of field names or a function, got 42'],
      ['mean({ a: 1 })', 'mean: expected an array, got an object'],
    ];
    for (const [call, message] of cases) {
      const result = await sandbox.run({ code: `return ${call};`, inputs: {} });
      expect(result).toMatchObject({
        ok: false,
        error: { kind: 'runtime', line: 1, message: `TypeError: ${message}` },
      });
    }
  });

  it('documents every helper it defines, for the model', () => {
    for (const name of ANALYSIS_LIBRARY_FUNCTIONS) expect(ANALYSIS_LIBRARY_DOC).toContain(`- ${name}(`);
  });
});
