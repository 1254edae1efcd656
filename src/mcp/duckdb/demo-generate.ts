/**
 * Generates the demo estate, a Japanese retail chain ("こたえマート") from 2023-01-01 to
 * 2026-10-31, entirely inside DuckDB. Randomness comes from `hash(...)` of row keys, never
 * from random(), so the same DuckDB version always produces the same data, whatever the
 * thread count. About 0.7 M daily sales rows, 300 k orders and 750 k order lines.
 */
import {
  CATEGORIES,
  FAMILY_NAMES,
  GIVEN_NAMES,
  PREFECTURES,
  PRODUCT_BASES,
  PRODUCT_VARIANTS,
  STORE_FORMATS,
  STORES,
} from './demo-reference-data.ts';
import { sqlString, sqlValues } from './sql-literals.ts';

export const DEMO_START = '2023-01-01';
export const DEMO_END = '2026-10-31';
const CUSTOMERS = 30_000;
const ORDERS = 300_000;
const PRODUCT_COUNT = CATEGORIES.length * 10 * PRODUCT_VARIANTS.length;

/** A uniform number in [0, 1) from the hash of its arguments. */
const RANDOM_MACRO = `CREATE OR REPLACE TEMP MACRO u(a, b) AS (hash(a, b) % 1000003)::DOUBLE / 1000003.0`;

function referenceTables(): string[] {
  const products = CATEGORIES.flatMap(([code]) =>
    (PRODUCT_BASES[code] ?? []).flatMap(([nameJa, nameEn, price], baseIndex) =>
      PRODUCT_VARIANTS.map(([suffixJa, suffixEn, factor], variantIndex) => [
        code,
        `${nameJa}${suffixJa}`,
        `${nameEn}${suffixEn}`,
        // Japanese shelf prices end in 8: ¥198, ¥1,280 → ¥1,278 is rare, ¥1,280 common; keep ...8 / ...80.
        price >= 1000
          ? Math.round((price * factor) / 100) * 100 - 20
          : Math.round((price * factor) / 10) * 10 - 2,
        baseIndex * PRODUCT_VARIANTS.length + variantIndex,
      ]),
    ),
  );
  return [
    `CREATE TABLE retail.prefectures (prefecture_code INTEGER PRIMARY KEY, prefecture_name VARCHAR NOT NULL,
       prefecture_name_en VARCHAR NOT NULL, region VARCHAR NOT NULL, region_en VARCHAR NOT NULL, population INTEGER NOT NULL)`,
    `INSERT INTO retail.prefectures SELECT c, n, e, r, re, p * 1000 FROM (VALUES ${sqlValues(PREFECTURES)}) t(c, n, e, r, re, p)`,
    `CREATE TABLE retail.categories (category_code VARCHAR PRIMARY KEY, category_name VARCHAR NOT NULL,
       category_name_en VARCHAR NOT NULL)`,
    `INSERT INTO retail.categories SELECT c, n, e FROM (VALUES ${sqlValues(CATEGORIES.map(([c, n, e]) => [c, n, e]))}) t(c, n, e)`,
    `CREATE TEMP TABLE category_model AS SELECT * FROM (VALUES ${sqlValues(CATEGORIES.map(([c, , , m, s, w, sh]) => [c, m, s, w, sh]))})
       t(category_code, margin, summer, winter, share)`,
    `CREATE TEMP TABLE store_formats AS SELECT * FROM (VALUES ${sqlValues(STORE_FORMATS)}) t(code, name, name_en, daily_sales)`,
    `CREATE TABLE retail.stores AS
       SELECT (row_number() OVER ())::INTEGER AS store_id,
              'こたえマート' || area || '店' AS store_name,
              'Kotae Mart ' || area_en AS store_name_en,
              pref::INTEGER AS prefecture_code,
              f.name AS store_format,
              f.name_en AS store_format_en,
              (CASE fmt WHEN 'L' THEN 2400 WHEN 'S' THEN 1200 ELSE 450 END * (0.8 + 0.4 * u(area, 'area')))::INTEGER AS floor_area_sqm,
              opened::DATE AS opened_on,
              closed::DATE AS closed_on
       FROM (VALUES ${sqlValues(STORES)}) t(pref, area, area_en, fmt, opened, closed)
       JOIN store_formats f ON f.code = fmt`,
    `CREATE TABLE retail.products AS
       SELECT (row_number() OVER (ORDER BY c.rowid, idx))::INTEGER AS product_id,
              p.name AS product_name, p.name_en AS product_name_en, p.category_code,
              p.price::INTEGER AS unit_price,
              round(p.price * (1 - m.margin) * (0.92 + 0.16 * u(p.name, 'cost')))::INTEGER AS unit_cost,
              (DATE '2015-04-01' + (u(p.name, 'launch') * 2700)::INTEGER) AS launched_on
       FROM (VALUES ${sqlValues(products)}) p(category_code, name, name_en, price, idx)
       JOIN retail.categories c USING (category_code)
       JOIN category_model m USING (category_code)`,
  ];
}

function salesTables(): string[] {
  return [
    `CREATE TEMP TABLE store_model AS
       SELECT s.store_id, s.opened_on, s.closed_on,
              f.daily_sales * (0.85 + 0.3 * u(s.store_id, 'size')) AS base
       FROM retail.stores s JOIN store_formats f ON f.name = s.store_format`,
    `CREATE TEMP TABLE category_price AS
       SELECT category_code, avg(unit_price) * 1.15 AS avg_basket_price FROM retail.products GROUP BY ALL`,
    // Per-day factors (weekday, season weights, holidays, growth) are computed once per day;
    // the per-row work is a little arithmetic and one hash, which keeps generation fast.
    `CREATE TEMP TABLE day_model AS
       SELECT d::DATE AS sale_date, date_diff('day', DATE '${DEMO_START}', d::DATE) AS day_no,
              CASE dayofweek(d) WHEN 6 THEN 1.24 WHEN 0 THEN 1.18 WHEN 5 THEN 1.04 ELSE 0.94 END
              * CASE WHEN month(d) = 12 AND day(d) >= 29 THEN 1.35 WHEN month(d) = 1 AND day(d) = 1 THEN 0.4
                     WHEN month(d) = 1 AND day(d) <= 3 THEN 1.15 WHEN month(d) = 5 AND day(d) BETWEEN 3 AND 5 THEN 1.1
                     WHEN month(d) = 8 AND day(d) BETWEEN 13 AND 15 THEN 1.1 ELSE 1 END
              * (1 + 0.035 * date_diff('day', DATE '${DEMO_START}', d::DATE) / 365.25) AS day_factor,
              CASE WHEN month(d) IN (7, 8) THEN 1 WHEN month(d) IN (6, 9) THEN 0.5 ELSE 0 END AS summer_weight,
              CASE WHEN month(d) IN (12, 1, 2) THEN 1 WHEN month(d) IN (11, 3) THEN 0.5 ELSE 0 END AS winter_weight
       FROM range(DATE '${DEMO_START}', DATE '${DEMO_END}' + 1, INTERVAL 1 DAY) r(d)`,
    `CREATE TEMP TABLE store_category_model AS
       SELECT s.store_id, c.category_code, c.margin, c.summer - 1 AS summer_lift, c.winter - 1 AS winter_lift,
              s.base * c.share AS base, p.avg_basket_price,
              date_diff('day', DATE '${DEMO_START}', s.opened_on) AS open_day_no,
              coalesce(date_diff('day', DATE '${DEMO_START}', s.closed_on), 1e9) AS close_day_no,
              s.store_id * 16 + c.category_index AS series
       FROM store_model s
       CROSS JOIN (SELECT row_number() OVER (ORDER BY category_code) AS category_index, * FROM category_model) c
       JOIN category_price p ON p.category_code = c.category_code`,
    `CREATE TABLE retail.sales AS
       WITH modelled AS (
         SELECT d.sale_date, m.store_id, m.category_code, m.margin, m.avg_basket_price,
                hash(d.day_no, m.series) AS h,
                m.base * d.day_factor * (1 + m.summer_lift * d.summer_weight + m.winter_lift * d.winter_weight)
                * least(1.0, 0.7 + 0.3 * (d.day_no - m.open_day_no) / 180.0) AS trend
         FROM day_model d CROSS JOIN store_category_model m
         WHERE d.day_no BETWEEN m.open_day_no AND m.close_day_no
       ),
       noisy AS (
         SELECT *, trend * (0.88 + 0.24 * (h % 1000003) / 1000003.0) AS expected FROM modelled
       )
       SELECT sale_date, store_id, category_code,
              round(expected)::BIGINT AS amount,
              round(expected * margin * (0.95 + 0.1 * ((h >> 24) % 1009) / 1009.0))::BIGINT AS gross_profit,
              greatest(1, round(expected / avg_basket_price))::INTEGER AS quantity,
              greatest(1, round(expected / avg_basket_price / 1.7))::INTEGER AS receipt_count
       FROM noisy`,
    // Targets: last plan's view of the month, a little optimistic (+1..7%), rounded to ¥10,000.
    `CREATE TABLE retail.store_targets AS
       SELECT target_month, store_id,
              (round(actual * (1.01 + 0.06 * u(store_id, target_month)) / 10000) * 10000)::BIGINT AS target_amount
       FROM (SELECT date_trunc('month', sale_date)::DATE AS target_month, store_id, sum(amount) AS actual
             FROM retail.sales GROUP BY ALL)
       ORDER BY ALL`,
  ];
}

function memberTables(): string[] {
  return [
    `CREATE TABLE retail.customers AS
       SELECT (i + 1)::INTEGER AS customer_id, s.store_id AS home_store_id, s.prefecture_code,
              CASE WHEN u(i, 'g') < 0.56 THEN '女性' WHEN u(i, 'g') < 0.97 THEN '男性' ELSE '回答なし' END AS gender,
              (1945 + floor(u(i, 'b') * 62))::INTEGER AS birth_year,
              CASE WHEN u(i, 'r') < 0.6 THEN 'ブロンズ' WHEN u(i, 'r') < 0.9 THEN 'シルバー' ELSE 'ゴールド' END AS member_rank,
              greatest(s.opened_on, DATE '2015-01-01')
                + floor(u(i, 'j') * date_diff('day', greatest(s.opened_on, DATE '2015-01-01'),
                                             least(coalesce(s.closed_on, DATE '2026-10-01'), DATE '2026-10-01')))::INTEGER AS joined_on
       FROM range(${CUSTOMERS}) t(i)
       JOIN retail.stores s ON s.store_id = (1 + hash(i, 'home') % ${STORES.length})::INTEGER`,
    `CREATE TEMP TABLE order_headers AS
       WITH picked AS (
         SELECT i, c.customer_id, c.home_store_id AS store_id, c.member_rank,
                greatest(c.joined_on, s.opened_on, DATE '${DEMO_START}') AS lo,
                least(coalesce(s.closed_on, DATE '${DEMO_END}'), DATE '${DEMO_END}') AS hi
         FROM range(${ORDERS}) t(i)
         JOIN retail.customers c ON c.customer_id = (1 + hash(i, 'cust') % ${CUSTOMERS})::INTEGER
         JOIN retail.stores s ON s.store_id = c.home_store_id
       )
       SELECT (i + 1)::BIGINT AS order_id, customer_id, store_id, member_rank,
              lo + floor(u(i, 'day') * (date_diff('day', lo, hi) + 1))::INTEGER AS order_date,
              (9 + floor(pow(u(i, 'hour'), 0.8) * 13))::INTEGER AS hour, floor(u(i, 'min') * 60)::INTEGER AS minute,
              CASE WHEN u(i, 'ch') < 0.15 THEN 'EC' ELSE '店舗' END AS channel,
              1 + (hash(i, 'lines') % 4)::INTEGER AS item_count, u(i, 'pay') AS pay
       FROM picked WHERE lo <= hi`,
    `CREATE TABLE retail.order_items AS
       WITH lines AS (
         SELECT order_id, member_rank, line_no, hash(order_id, line_no) AS h
         FROM (SELECT order_id, member_rank, unnest(range(1, item_count + 1)) AS line_no FROM order_headers)
       ),
       priced AS (
         SELECT l.order_id, l.line_no::INTEGER AS line_no, p.product_id, (1 + (l.h >> 32) % 3)::INTEGER AS quantity,
                p.unit_price, l.member_rank
         FROM lines l JOIN retail.products p ON p.product_id = (1 + l.h % ${PRODUCT_COUNT})::INTEGER
       )
       SELECT order_id, line_no, product_id, quantity, unit_price,
              CASE WHEN member_rank = 'ゴールド' THEN round(unit_price * quantity * 0.05) ELSE 0 END::INTEGER AS discount_amount,
              (unit_price * quantity - discount_amount)::INTEGER AS amount
       FROM priced`,
    `CREATE TABLE retail.orders AS
       SELECT h.order_id, (h.order_date + make_time(h.hour, h.minute, 0))::TIMESTAMP AS ordered_at, h.order_date,
              h.store_id, h.customer_id, h.channel,
              CASE WHEN h.pay < 0.22 - 0.03 * (year(h.order_date) - 2023) THEN '現金'
                   WHEN h.pay < 0.55 THEN 'クレジットカード'
                   WHEN h.pay < 0.7 THEN '電子マネー'
                   ELSE 'QRコード決済' END AS payment_method,
              h.item_count::INTEGER AS item_count, t.total_amount
       FROM order_headers h
       JOIN (SELECT order_id, sum(amount)::BIGINT AS total_amount FROM retail.order_items GROUP BY ALL) t USING (order_id)
       ORDER BY h.order_id`,
  ];
}

function staffTables(): string[] {
  const family = `[${FAMILY_NAMES.map(sqlString).join(', ')}]`;
  const given = `[${GIVEN_NAMES.map(sqlString).join(', ')}]`;
  return [
    `CREATE TABLE hr.staff AS
       WITH slots AS (
         SELECT s.store_id, s.opened_on, unnest(range(CASE s.store_format WHEN '大型店' THEN 24 WHEN '標準店' THEN 14 ELSE 8 END)) AS n
         FROM retail.stores s
       )
       SELECT (row_number() OVER (ORDER BY store_id, n))::INTEGER AS staff_id, store_id,
              ${family}[(1 + hash(store_id, n, 'f') % ${FAMILY_NAMES.length})::INTEGER] || ' ' || ${given}[(1 + hash(store_id, n, 'g') % ${GIVEN_NAMES.length})::INTEGER] AS staff_name,
              CASE WHEN n = 0 THEN '店長' WHEN n = 1 THEN '副店長' WHEN n < 5 THEN '正社員' ELSE 'パート・アルバイト' END AS role,
              CASE WHEN n < 5 THEN NULL ELSE (1050 + floor(u(store_id, n) * 30) * 10)::INTEGER END AS hourly_wage,
              CASE WHEN n < 5 THEN (250000 + floor(u(store_id, n) * 30) * 5000 + CASE WHEN n = 0 THEN 120000 ELSE 0 END)::INTEGER END AS monthly_salary,
              (opened_on + floor(u(store_id, n + 100) * greatest(1, date_diff('day', opened_on, DATE '2026-09-30')))::INTEGER) AS hired_on
       FROM slots`,
  ];
}

function views(): string[] {
  return [
    `CREATE VIEW retail.monthly_store_sales AS
       SELECT date_trunc('month', sale_date)::DATE AS sales_month, store_id,
              sum(amount) AS amount, sum(gross_profit) AS gross_profit, sum(receipt_count) AS receipt_count
       FROM retail.sales GROUP BY ALL`,
    `CREATE VIEW retail.store_staffing AS
       SELECT store_id, count(*) AS staff_count, avg(hourly_wage) AS average_hourly_wage
       FROM hr.staff GROUP BY ALL`,
  ];
}

/** Every statement that builds the estate, in order (comments and metadata are added by the caller). */
export function demoGenerationStatements(): string[] {
  return [
    RANDOM_MACRO,
    'CREATE SCHEMA retail',
    'CREATE SCHEMA hr',
    ...referenceTables(),
    ...salesTables(),
    ...memberTables(),
    ...staffTables(),
    ...views(),
  ];
}
