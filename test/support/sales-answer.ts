/**
 * An answer worth subscribing to, for the digest tests on every platform: the scripted
 * agent ran a probe and then FINAL (a week of daily sales from the DuckDB demo estate) and
 * drew SPEC, with the SQL and feedback buttons a real answer carries. A digest made from it
 * must keep FINAL (not the probe) and SPEC without the rows.
 */
import { renderChart } from '../../src/render/chart/render-chart.ts';
import { createScriptedHandler, type ScriptedHandler } from './scripted-handler.ts';

export const PROBE_SQL = 'SELECT 1 AS probe FROM retail.stores LIMIT 1';
export const FINAL_SQL =
  "SELECT sale_date, sum(amount) AS sales FROM retail.sales WHERE sale_date BETWEEN DATE '2026-10-25' AND DATE '2026-10-31' GROUP BY 1 ORDER BY 1";
export const SALES_SPEC = {
  type: 'line' as const,
  title: 'Daily sales',
  x: 'sale_date',
  y: ['sales'],
  data: [],
};

/** The scripted agent answering every question with the sales query and its chart. */
export async function salesAnswerHandler(): Promise<ScriptedHandler> {
  const data = [
    { sale_date: '2026-10-30', sales: 10 },
    { sale_date: '2026-10-31', sales: 12 },
  ];
  const png = await renderChart({ ...SALES_SPEC, data }, { locale: 'en', timeZone: 'Asia/Tokyo' });
  return createScriptedHandler({
    answer: (context) => ({
      provenance: { sql: [PROBE_SQL, FINAL_SQL], bytesProcessed: 1, rows: 7, durationMs: 5 },
      chart: { spec: { ...SALES_SPEC, data }, png, altText: 'Daily sales' },
      actions: [
        { kind: 'show_sql', taskId: context.task.id },
        { kind: 'feedback', taskId: context.task.id, value: 'up' },
        { kind: 'feedback', taskId: context.task.id, value: 'down' },
      ],
    }),
  });
}
