/**
 * The product's main path as `npm run dev` builds it: Kotae starts from configuration alone
 * (OPENAI_BASE_URL points the real `openai` SDK at a fake OpenAI server that plays the
 * model's turns; the DuckDB demo estate under KOTAE_DATA_DIR; the QuickJS sandbox; the
 * Chart.js renderer), and a person asks in the console, in headless Chromium. The model
 * queries monthly sales, computes month-over-month growth in the sandbox and draws it; the
 * thread shows the steps, then the answer with its chart and its SQL. If this breaks, a
 * newcomer's first question in `npm run dev` gets no chart, no numbers or no answer.
 *
 * Also through the same wiring: with no LLM configured, the console and the thread say so.
 */
import { formatSql } from '../../src/render/sql-display.ts';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Kotae } from '../../src/app/start-kotae.ts';
import { t } from '../../src/core/i18n/translate.ts';
import type { MessageContent } from '../../src/core/ports/chat-platform.ts';
import { startFakeOpenAI, type FakeOpenAI, type OpenAIWireMessage } from '../fakes/openai/server.ts';
import { findChromium, launchChromium } from '../support/chromium.ts';
import { createTestDatabase, type TestDatabase } from '../support/database.ts';
import { sharedDemoPath } from '../support/demo-warehouse.ts';
import { pngSize } from '../support/png-pixels.ts';
import { eventually, postQuestion, startTestKotae } from '../support/test-kotae.ts';

const chromiumPath = findChromium();

const QUESTION = '2025年の月次売上の前月比成長率をグラフで見せて';
/** December 2024 is there so that January 2025 has a month to grow from. */
const SQL =
  "SELECT strftime(date_trunc('month', sale_date), '%Y-%m') AS month, SUM(amount) AS sales " +
  "FROM retail.sales WHERE sale_date >= DATE '2024-12-01' AND sale_date < DATE '2026-01-01' " +
  'GROUP BY month ORDER BY month';
const GROWTH =
  "const growth = pctChange(inputs.monthly, 'sales');\n" +
  'return inputs.monthly.slice(1).map((row, i) => ({\n' +
  '  month: row.month,\n' +
  '  sales: Number(row.sales),\n' +
  '  growth_pct: Math.round(growth[i + 1] * 10) / 10,\n' +
  '}));';
const CHART_TITLE = '2025年 月次売上の前月比成長率';

interface GrowthRow {
  month: string;
  sales: number;
  growth_pct: number;
}

let database: TestDatabase;
let demoPath: string;
let browser: Browser | undefined;
/** The ground truth, computed by DuckDB itself with a window function (not by pctChange). */
let truth: GrowthRow[];

beforeAll(async () => {
  [database, demoPath, browser] = await Promise.all([
    createTestDatabase('postgres'),
    sharedDemoPath(),
    chromiumPath ? launchChromium(chromiumPath) : undefined,
  ]);
  const instance = await DuckDBInstance.create(demoPath, { access_mode: 'READ_ONLY' });
  const connection = await instance.connect();
  const reader = await connection.runAndReadAll(
    `SELECT month, sales::DOUBLE AS sales, (sales - lag(sales) OVER w) * 100.0 / lag(sales) OVER w AS growth
     FROM (${SQL}) WINDOW w AS (ORDER BY month) ORDER BY month`,
  );
  truth = reader
    .getRowObjectsJson()
    .slice(1)
    .map((row) => ({
      month: String(row['month']),
      sales: Number(row['sales']),
      growth_pct: Math.round(Number(row['growth']) * 10) / 10,
    }));
  connection.closeSync();
  instance.closeSync();
});
afterAll(async () => {
  await browser?.close();
  await database?.drop();
});

/** Kotae as `npm run dev` builds it: `handler: null` lets startKotae make the agent from config. */
async function startFromConfig(env: Record<string, string>): Promise<Kotae> {
  // The demo estate lives at <KOTAE_DATA_DIR>/demo.duckdb; pointing the data dir at the test
  // cache makes startKotae find (and version-check) the estate generated once per machine.
  return await startTestKotae(database, {
    handler: null,
    env: { KOTAE_DATA_DIR: dirname(demoPath), ...env },
  });
}

/** The tool results the model was sent in one request, by the tool that produced them. */
function toolResults(request: { messages: OpenAIWireMessage[] }): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of request.messages)
    for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
  const results = new Map<string, string>();
  for (const message of request.messages)
    if (message.role === 'tool')
      results.set(names.get(message.tool_call_id ?? '') ?? '?', String(message.content));
  return results;
}

function hold(): { promise: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const promise = new Promise<void>((resolve) => (release = resolve));
  return { promise, release };
}

/**
 * The model's turns: query, growth in the sandbox, chart; then, once `answer` resolves, an
 * answer written from the growth the sandbox computed (a real model takes a while there too).
 */
function scriptGrowthAnswer(fake: FakeOpenAI, answer: Promise<void>): void {
  const chart = {
    type: 'line',
    title: CHART_TITLE,
    x: 'month',
    y: ['growth_pct'],
    data_from: 'a1',
    yLabel: '%',
  };
  fake.script(
    { toolCalls: [{ name: 'execute_query', args: { sql: SQL } }] },
    { toolCalls: [{ name: 'run_analysis', args: { code: GROWTH, inputs: { monthly: 'q1' } } }] },
    { toolCalls: [{ name: 'make_chart', args: chart }] },
    async (request) => {
      await answer;
      const seen = toolResults(request.body as { messages: OpenAIWireMessage[] });
      const rows = (JSON.parse(seen.get('run_analysis')!) as { value: GrowthRow[] }).value;
      const best = rows.reduce((a, b) => (b.growth_pct > a.growth_pct ? b : a));
      return { text: `2025年で前月比の伸びが最も大きかったのは${best.month}（+${best.growth_pct}%）です。` };
    },
  );
}

describe.skipIf(!chromiumPath)('a chart answer in the console, with the agent built from config', () => {
  let fake: FakeOpenAI;
  let kotae: Kotae;
  const finalTurn = hold();

  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: 'sk-e2e' });
    kotae = await startFromConfig({
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_API_KEY: 'sk-e2e',
      OPENAI_MODEL: 'gpt-4.1-mini',
    });
  });
  afterAll(async () => {
    finalTurn.release(); // a failed test must not leave the worker waiting on the model
    await kotae?.stop();
    await fake?.close();
  });

  it(
    'queries, computes month-over-month growth, draws it and shows the chart and the SQL',
    { timeout: 60_000 },
    async () => {
      scriptGrowthAnswer(fake, finalTurn.promise);

      const page: Page = await browser!.newPage({ locale: 'ja-JP' });
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      const charts: Array<{ url: string; status: number; type: string | undefined }> = [];
      page.on('response', (response) => {
        if (new URL(response.url()).pathname.startsWith('/charts/'))
          charts.push({
            url: response.url(),
            status: response.status(),
            type: response.headers()['content-type'],
          });
      });
      await page.goto(kotae.url);
      await page.getByTestId('composer').fill(QUESTION);
      await page.getByTestId('send').click();
      const thread = page.getByTestId('thread');

      // Held before the final answer: the placeholder lists the three steps, all done.
      await eventually(async () => fake.completions().length === 4, 40_000);
      const steps = thread.getByTestId('step');
      await expect
        .poll(() => steps.allInnerTexts(), { timeout: 20_000 })
        .toEqual([
          expect.stringMatching(/クエリを実行: .+ スキャン、13 行/),
          expect.stringContaining('分析コードを実行しました'),
          expect.stringContaining(`グラフを作成しました: ${CHART_TITLE}`),
        ]);
      finalTurn.release();

      const reply = thread.getByTestId('reply');
      await reply.waitFor({ timeout: 20_000 });
      const best = truth.reduce((a, b) => (b.growth_pct > a.growth_pct ? b : a));
      expect(await reply.locator('.kotae-text').innerText()).toContain(
        `2025年で前月比の伸びが最も大きかったのは${best.month}（+${best.growth_pct}%）です。`,
      );
      // The table shows the analysis, the last result: one row per month of 2025.
      const table = reply.getByTestId('result-table');
      expect(await table.locator('tbody tr').count()).toBe(12);
      expect(await table.innerText()).toContain(best.month);
      // The placeholder became the answer.
      expect(await thread.getByTestId('status').count()).toBe(0);
      expect(await thread.locator('[data-testid="message"][data-author="bot"]').count()).toBe(1);

      // The chart is in the thread and the browser really loaded it from its signed URL.
      const chart = reply.getByTestId('chart');
      await chart.scrollIntoViewIfNeeded();
      // naturalWidth stays 0 for an image that failed to load (the tsconfig has no DOM types).
      const loadedWidth = () =>
        chart.evaluate((element) => {
          const image = element as unknown as { complete: boolean; naturalWidth: number };
          return image.complete ? image.naturalWidth : 0;
        });
      await expect.poll(loadedWidth, { timeout: 20_000 }).toBe(800);
      expect(await chart.getAttribute('alt')).toContain(CHART_TITLE);
      const src = new URL((await chart.getAttribute('src'))!, kotae.url);
      expect(src.pathname).toMatch(/^\/charts\/[0-9a-f-]{36}\.png$/);
      expect(src.searchParams.get('sig')).toEqual(expect.any(String));
      expect(charts).toContainEqual({ url: src.href, status: 200, type: 'image/png' });
      const png = new Uint8Array(await (await fetch(src)).arrayBuffer());
      expect(pngSize(png)).toEqual({ width: 800, height: 450 });

      // "Show SQL" opens the exact statement that ran.
      const sql = reply.getByTestId('sql');
      await sql.locator('summary').click();
      // Formatted for DuckDB, one clause per line.
      expect(await sql.locator('code').innerText()).toBe(formatSql(SQL, 'duckdb'));
      expect(formatSql(SQL, 'duckdb')).toMatch(
        /^SELECT\n {2}STRFTIME\(DATE_TRUNC\('month', sale_date\), '%Y-%m'\) AS month,/,
      );

      // The model was the configured one and was sent real results: the query's rows, then the
      // growth the sandbox computed from all of them, equal to DuckDB's own window function.
      const requests = fake.completions();
      expect(requests.map((request) => request.model)).toEqual(Array(4).fill('gpt-4.1-mini'));
      const offered = (requests[0]!.tools as Array<{ function: { name: string } }>).map(
        (tool) => tool.function.name,
      );
      expect(offered).toEqual(expect.arrayContaining(['execute_query', 'run_analysis', 'make_chart']));
      const queried = JSON.parse(toolResults(requests[1]!).get('execute_query')!) as {
        result_id: string;
        rows: Array<[string, number]>;
      };
      expect(queried.result_id).toBe('q1');
      expect(queried.rows.slice(1).map(([month, sales]) => ({ month, sales }))).toEqual(
        truth.map(({ month, sales }) => ({ month, sales })),
      );
      const analysed = JSON.parse(toolResults(requests[2]!).get('run_analysis')!) as {
        analysis_id: string;
        value: GrowthRow[];
      };
      expect(analysed).toEqual({ analysis_id: 'a1', value: truth });
      expect(toolResults(requests[3]!).get('make_chart')).toContain(CHART_TITLE);

      // The stored reply carries the SQL, and the warehouse wiring logged the query in Prisma.
      const [task] = await database.prisma.task.findMany({ where: { question: QUESTION } });
      expect(task?.status).toBe('COMPLETED');
      const records = await kotae.stores.consoleMessages.listThread(task!.channelId, task!.threadId);
      const content = records.at(-1)!.content as MessageContent;
      expect(content.kind === 'reply' && content.reply.provenance?.sql).toEqual([SQL]);
      const logged = await eventually(async () => {
        const rows = await database.prisma.queryLog.findMany({ where: { taskId: task!.id } });
        return rows.length > 0 ? rows : undefined;
      });
      expect(
        logged.map((row) => ({ verdict: row.verdict, sql: row.sql, rows: row.rows, backend: row.backend })),
      ).toEqual([{ verdict: 'EXECUTED', sql: SQL, rows: 13, backend: 'duckdb' }]);
      // The chart is stored once, with its task: the console links that copy.
      expect(await database.prisma.chartImage.count({ where: { taskId: task!.id } })).toBe(1);
      expect(await database.prisma.chartImage.count({ where: { taskId: null } })).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    },
  );
});

describe('with no LLM configured', () => {
  let kotae: Kotae;

  beforeAll(async () => {
    kotae = await startFromConfig({});
  });
  afterAll(async () => {
    await kotae?.stop();
  });

  it('the console status says what to set, in Japanese and in English', async () => {
    for (const locale of ['ja', 'en'] as const) {
      const response = await fetch(`${kotae.url}/api/console/status?locale=${locale}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ llmConfigured: false, notice: t(locale, 'llm.notConfigured') });
    }
  });

  it.skipIf(!chromiumPath)('the console page shows it as a banner, in the chosen language', async () => {
    const page = await browser!.newPage({ locale: 'ja-JP' });
    await page.goto(kotae.url);
    const banner = page.getByTestId('banner');
    await expect.poll(() => banner.innerText(), { timeout: 20_000 }).toBe(t('ja', 'llm.notConfigured'));
    await page.getByTestId('locale-en').click();
    await expect.poll(() => banner.innerText(), { timeout: 20_000 }).toBe(t('en', 'llm.notConfigured'));
    await page.close();
  });

  it('a question gets that message as the final reply in its thread', async () => {
    for (const [locale, text] of [
      ['ja', '先月の売上は？'],
      ['en', 'What were sales last month?'],
    ] as const) {
      const posted = await postQuestion(kotae, { channel: 'general', text, locale });
      expect(posted.status).toBe(202);
      const { taskId, threadId } = posted.body as { taskId: string; threadId: string };
      const task = await eventually(async () => {
        const found = await kotae.stores.tasks.get(taskId);
        return found?.status === 'FAILED' || found?.status === 'COMPLETED' ? found : undefined;
      });
      expect(task.status).toBe('FAILED');
      const response = await fetch(
        `${kotae.url}/api/console/messages?channel=general&thread=${encodeURIComponent(threadId)}`,
      );
      const { messages } = (await response.json()) as {
        messages: Array<{ author: string; text: string; html: string | null }>;
      };
      expect(messages.map((message) => message.author)).toEqual(['user', 'bot']);
      expect(messages[1]!.text).toBe(t(locale, 'llm.notConfigured'));
      expect(messages[1]!.html).toContain('data-kind="error"');
    }
  });
});
