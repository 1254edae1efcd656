/**
 * Chart PNGs the bot serves at signed, expiring URLs (the ChartImage table). Google Chat's
 * image widget fetches them through Google's image proxy; the console reuses them too.
 */
import type { Database } from './prisma-client.ts';

export interface StoredChartImage {
  id: string;
  png: Uint8Array;
  expiresAt: Date;
}

export interface ChartImageStore {
  save(image: { png: Uint8Array; expiresAt: Date; taskId?: string }): Promise<{ id: string }>;
  /** The image, unless it is missing or expired at `now`. */
  find(id: string, now: Date): Promise<StoredChartImage | null>;
  /** Removes images that expired before `now`; returns how many. */
  deleteExpired(now: Date): Promise<number>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function createChartImageStore(db: Database): ChartImageStore {
  return {
    async save(image) {
      // Copy into a plain ArrayBuffer-backed array: Prisma's Bytes wants exactly that.
      const png = new Uint8Array(image.png.byteLength);
      png.set(image.png);
      return await db.chartImage.create({
        data: { png, expiresAt: image.expiresAt, taskId: image.taskId ?? null },
        select: { id: true },
      });
    },
    async find(id, now) {
      // Ids are UUIDs; anything else would only make PostgreSQL raise a cast error.
      if (!UUID.test(id)) return null;
      const row = await db.chartImage.findUnique({
        where: { id },
        select: { id: true, png: true, expiresAt: true },
      });
      if (!row || row.expiresAt.getTime() <= now.getTime()) return null;
      return { id: row.id, png: row.png, expiresAt: row.expiresAt };
    },
    async deleteExpired(now) {
      const { count } = await db.chartImage.deleteMany({ where: { expiresAt: { lt: now } } });
      return count;
    },
  };
}
