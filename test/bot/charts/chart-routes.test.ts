/**
 * Chart images behind signed, expiring URLs. If this breaks, Google Chat cards show a
 * broken image instead of the chart — or, worse, anyone could read any team's chart by
 * guessing ids or stretching the expiry.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChartRoutes } from '../../../src/bot/charts/chart-routes.ts';
import { createChartUrlSigner } from '../../../src/bot/charts/chart-url-signer.ts';
import { createManualClock } from '../../../src/core/clock.ts';
import { createChartImageStore } from '../../../src/store/chart-image-store.ts';
import { createTestDatabase, type TestDatabase } from '../../support/database.ts';
import { solidPng } from '../../support/png.ts';
import { serveRoutes, type RunningRoutes } from '../../support/route-server.ts';

const SECRET = 'chart-secret-for-tests-0123456789abcdef';

describe('chart image URLs', () => {
  const clock = createManualClock(new Date('2026-03-01T00:00:00Z'));
  let db: TestDatabase;
  let server: RunningRoutes;
  let signer: ReturnType<typeof createChartUrlSigner>;
  const store = () => createChartImageStore(db.prisma);

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    // Checking a URL does not depend on the public base URL, so the route's signer needs none.
    const routeSigner = createChartUrlSigner({ secret: SECRET, publicBaseUrl: 'https://unused.invalid' });
    server = await serveRoutes(
      createChartRoutes({ signer: routeSigner, charts: store(), clock, defaultLocale: 'ja' }),
    );
    signer = createChartUrlSigner({ secret: SECRET, publicBaseUrl: server.url });
  });

  afterAll(async () => {
    await server?.close();
    await db?.drop();
  });

  it('serves the PNG at its signed URL, cacheable only until it expires', async () => {
    const png = solidPng();
    const expiresAt = new Date(clock.now().getTime() + 3600_000);
    const id = await store().save({ png, expiresAt });
    const response = await fetch(signer.sign(id, expiresAt));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(response.headers.get('cache-control')).toBe('private, max-age=3600');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(png);
  });

  it('signs the same URL as a path for pages on this server (the console)', async () => {
    // Else the console's chart breaks whenever the page is reached by another host or port
    // than PUBLIC_BASE_URL names.
    const expiresAt = new Date(clock.now().getTime() + 3600_000);
    const id = await store().save({ png: solidPng(), expiresAt });
    const path = signer.signPath(id, expiresAt);
    expect(path).toMatch(/^\/charts\//);
    expect(`${server.url}${path}`).toBe(signer.sign(id, expiresAt));
    const response = await fetch(`${server.url}${path}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/png');
  });

  it('refuses the URL once it has expired', async () => {
    const expiresAt = new Date(clock.now().getTime() + 60_000);
    const id = await store().save({ png: solidPng(), expiresAt });
    const url = signer.sign(id, expiresAt);
    expect((await fetch(url)).status).toBe(200);
    clock.advance(61_000);
    const response = await fetch(url);
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).not.toBe('image/png');
  });

  it('refuses a tampered signature, a stretched expiry and a missing signature', async () => {
    const expiresAt = new Date(clock.now().getTime() + 600_000);
    const id = await store().save({ png: solidPng(), expiresAt });
    const good = new URL(signer.sign(id, expiresAt));
    const sig = good.searchParams.get('sig')!;

    const tampered = new URL(good);
    tampered.searchParams.set('sig', (sig[0] === 'A' ? 'B' : 'A') + sig.slice(1));
    expect((await fetch(tampered)).status).toBe(403);

    const stretched = new URL(good);
    stretched.searchParams.set('exp', String(Number(good.searchParams.get('exp')) + 86_400));
    expect((await fetch(stretched)).status).toBe(403);

    const unsigned = new URL(good);
    unsigned.searchParams.delete('sig');
    expect((await fetch(unsigned)).status).toBe(403);

    // The signature of one image does not open another.
    const other = await store().save({ png: solidPng(), expiresAt });
    const swapped = new URL(good.href.replace(id, other));
    expect((await fetch(swapped)).status).toBe(403);
  });

  it('answers 404 for a validly signed id that does not exist, and lists nothing', async () => {
    const expiresAt = new Date(clock.now().getTime() + 600_000);
    expect((await fetch(signer.sign(randomUUID(), expiresAt))).status).toBe(404);
    expect((await fetch(`${server.url}/charts/`)).status).toBe(404);
    expect((await fetch(`${server.url}/charts`)).status).toBe(404);
  });

  it('stops serving an image the store has expired, even under a later URL, and purges it', async () => {
    const imageExpiry = new Date(clock.now().getTime() + 60_000);
    const id = await store().save({ png: solidPng(), expiresAt: imageExpiry });
    clock.advance(120_000);
    const later = new Date(clock.now().getTime() + 600_000);
    expect((await fetch(signer.sign(id, later))).status).toBe(404);
    expect(await store().deleteExpired(clock.now())).toBeGreaterThanOrEqual(1);
    expect(await db.prisma.chartImage.findUnique({ where: { id } })).toBeNull();
  });

  it('will not start with a short secret', () => {
    expect(() => createChartUrlSigner({ secret: 'short', publicBaseUrl: 'https://x' })).toThrow(/at least/);
  });
});
