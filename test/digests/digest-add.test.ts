/**
 * `/kotae digest add "<question>" <schedule> [tz=…]` through the composition root on the
 * console: unreadable input is answered with the usage and the reason in Japanese or
 * English and neither asks nor saves anything; a good command runs the question once as
 * the preview and offers a confirm button, whose command subscribes the channel from that
 * answer's final SQL with the schedule and zone given. If this broke, the command form
 * of Subscribe would save a digest nobody previewed, or none at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { FINAL_SQL, salesAnswerHandler } from '../support/sales-answer.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

let db: TestDatabase;
let kotae: Kotae;

beforeAll(async () => {
  db = await createTestDatabase('postgres');
  kotae = await startTestKotae(db, {
    handler: await salesAnswerHandler(),
    env: { DUCKDB_PATH: await sharedDemoPath(), DIGEST_TIMER: 'off' },
  });
});
afterAll(async () => {
  await kotae?.stop();
  await db?.drop();
});

const command = async (text: string, locale: 'ja' | 'en') =>
  (await postQuestion(kotae, { channel: 'sales', text: `/kotae ${text}`, locale })).body as {
    text: string;
    html: string;
    taskId?: string;
  };

describe('/kotae digest add', () => {
  it('answers bad input with the usage in Japanese and English, saving and asking nothing', async () => {
    const cases: Array<[string, 'ja' | 'en', RegExp]> = [
      ['digest add 売上 daily 09:00', 'ja', /^質問を "…" で囲んで/],
      ['digest add sales daily 09:00', 'en', /^Put the question in "…"/],
      ['digest add "売上" daily 25:00', 'ja', /^スケジュール「daily 25:00」を読めません/],
      ['digest add "sales" hourly', 'en', /^Cannot read the schedule "hourly"/],
      [
        'digest add "sales" daily 09:00 tz=Mars/Olympus',
        'en',
        /^The time zone "Mars\/Olympus" is not an IANA name/,
      ],
    ];
    for (const [text, locale, reason] of cases) {
      const answer = await command(text, locale);
      expect(answer.taskId).toBeUndefined();
      expect(answer.text).toMatch(reason);
      expect(answer.text).toContain(
        locale === 'ja' ? '使い方: `/kotae digest add' : 'Usage: `/kotae digest add',
      );
    }
    expect(await db.prisma.task.count()).toBe(0);
    expect(await db.prisma.subscription.count()).toBe(0);
  });

  it('previews the question once, then subscribes on confirm with the schedule and zone', async () => {
    const answer = await command('digest add "先週の日別売上" weekly fri 08:30 tz=America/New_York', 'ja');
    expect(answer.text).toContain('weekly fri 08:30（America/New_York）');
    const taskId = answer.taskId!;
    const confirm = /data-command="([^"]+)"/.exec(answer.html)?.[1];
    expect(confirm).toBe(`digest add confirm ${taskId} weekly fri 08:30 tz=America/New_York`);
    await eventually(async () => {
      const task = await db.prisma.task.findUnique({ where: { id: taskId } });
      return task?.status === 'COMPLETED';
    });
    expect(await db.prisma.subscription.count()).toBe(0);

    const done = await command(confirm!, 'ja');
    expect(done.text).toMatch(/^定期配信「先週の日別売上」を登録しました/);
    const stored = await db.prisma.subscription.findFirstOrThrow();
    expect([stored.question, stored.sql, stored.schedule, stored.timeZone, stored.channelId]).toEqual([
      '先週の日別売上',
      FINAL_SQL,
      'weekly fri 08:30',
      'America/New_York',
      'sales',
    ]);
  });
});
