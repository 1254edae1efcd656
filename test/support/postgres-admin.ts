/** The machine's PostgreSQL, as the tests' administrator sees it. */
import pg from 'pg';

export function postgresAdminUrl(database = 'postgres'): string {
  const base = process.env['TEST_POSTGRES_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function adminQuery(sql: string, params: unknown[] = []): Promise<number> {
  const client = new pg.Client({ connectionString: postgresAdminUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rowCount ?? 0;
  } finally {
    await client.end();
  }
}
