/**
 * Chart PNGs kept in the database, so any bot process can serve them at signed URLs
 * (Google Chat's image widget, the console) and a re-run task can deliver the chart it
 * already made.
 */
import type { Database } from './prisma-client.ts';

export interface ChartImageStore {
  save(input: { taskId?: string; png: Uint8Array; expiresAt: Date }): Promise<string>;
  /** The PNG, unless missing or expired. */
  load(id: string, now: Date): Promise<Uint8Array | null>;
  deleteExpired(now: Date): Promise<number>;
}

export function createChartImageStore(db: Database): ChartImageStore {
  return {
    async save({ taskId, png, expiresAt }) {
      const image = await db.chartImage.create({
        data: { taskId: taskId ?? null, png: new Uint8Array(png), expiresAt },
        select: { id: true },
      });
      return image.id;
    },
    async load(id, now) {
      if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
      const image = await db.chartImage.findUnique({ where: { id } });
      if (!image || image.expiresAt <= now) return null;
      return new Uint8Array(image.png);
    },
    async deleteExpired(now) {
      const { count } = await db.chartImage.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
}
