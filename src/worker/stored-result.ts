/**
 * What the worker stores about a task's answer before delivering it (Task.result), so a
 * re-run after a crash delivers the same answer instead of computing a second one. The
 * chart PNG lives in ChartImage; the result names it.
 */
import type { Reply } from '../core/reply.ts';
import type { TaskOutcome } from '../core/ports/task-handler.ts';
import type { ChartImageStore } from '../store/chart-image-store.ts';

export interface StoredResult {
  reply: Omit<Reply, 'chart'> & {
    chart?: {
      spec: NonNullable<Reply['chart']>['spec'];
      altText: string;
      imageId: string;
      /** ISO time the stored image expires. */
      expiresAt?: string;
    };
  };
  turn?: TaskOutcome['turn'];
}

export async function toStoredResult(
  outcome: TaskOutcome,
  deps: { charts: ChartImageStore; taskId: string; expiresAt: Date },
): Promise<StoredResult> {
  const { chart, ...rest } = outcome.reply;
  if (!chart) return { reply: rest, turn: outcome.turn };
  const imageId = await deps.charts.save({ taskId: deps.taskId, png: chart.png, expiresAt: deps.expiresAt });
  return {
    reply: {
      ...rest,
      chart: { spec: chart.spec, altText: chart.altText, imageId, expiresAt: deps.expiresAt.toISOString() },
    },
    turn: outcome.turn,
  };
}

/** Where the stored chart image is, so platforms that link charts need not store it again. */
export interface StoredChartImage {
  imageId: string;
  expiresAt: Date;
}

/** The Reply again, with its chart bytes; a chart whose image expired is left out. */
export async function fromStoredResult(
  stored: StoredResult,
  charts: ChartImageStore,
  now: Date,
): Promise<{ reply: Reply; chartImage?: StoredChartImage }> {
  const { chart, ...rest } = stored.reply;
  if (!chart) return { reply: rest };
  const png = await charts.load(chart.imageId, now);
  if (!png) return { reply: rest };
  const reply: Reply = { ...rest, chart: { spec: chart.spec, altText: chart.altText, png } };
  return chart.expiresAt
    ? { reply, chartImage: { imageId: chart.imageId, expiresAt: new Date(chart.expiresAt) } }
    : { reply };
}
