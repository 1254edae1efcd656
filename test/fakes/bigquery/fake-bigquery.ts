/**
 * A fake BigQuery REST API (v2) on 127.0.0.1 for the real @google-cloud/bigquery client.
 * It implements the resources our backend uses, in their documented wire format:
 *   datasets.list/get, tables.list/get, tabledata.list (fake-estate.ts),
 *   jobs.insert (query jobs, dry run or not), jobs.get, jobs.cancel, jobs.getQueryResults
 *   (fake-jobs.ts).
 * Every inserted job is recorded, so a test can prove no non-dry-run job ever reached it.
 * Requests without "Authorization: Bearer <token>" get 401, as from Google.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  catalogueRoute,
  createEstate,
  errorBody,
  type FakeDataset,
  type FakeQueryScript,
  type Reply,
} from './fake-estate.ts';
import { createJobs, type RecordedJob } from './fake-jobs.ts';

export type { FakeDataset, FakeField, FakeQueryScript, FakeTable, WireValue } from './fake-estate.ts';
export type { RecordedJob } from './fake-jobs.ts';

export interface FakeBigQuery {
  url: string;
  token: string;
  jobs: RecordedJob[];
  requests: Array<{ method: string; path: string; query: Record<string, string> }>;
  close(): Promise<void>;
}

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

export async function startFakeBigQuery(options: {
  projectId: string;
  datasets: FakeDataset[];
  scripts?: FakeQueryScript[];
  location?: string;
  token?: string;
}): Promise<FakeBigQuery> {
  const token = options.token ?? 'fake-access-token';
  const estate = createEstate(options.projectId, options.location ?? 'asia-northeast1', options.datasets);
  const jobs = createJobs(estate, options.scripts ?? []);
  const requests: FakeBigQuery['requests'] = [];

  function route(
    method: string,
    path: string,
    query: Record<string, string>,
    body: Record<string, unknown>,
  ): Reply {
    const parts = path
      .replace(/^\/bigquery\/v2\//, '')
      .split('/')
      .map(decodeURIComponent);
    if (parts[0] !== 'projects' || !parts[1])
      return { status: 404, body: errorBody(404, 'notFound', `No route ${path}`) };
    const project = parts[1];
    const [, , collection, id, sub, subId, leaf] = parts;
    if (collection === 'jobs' && method === 'POST' && id === undefined) return jobs.insert(body);
    if (collection === 'jobs' && id && sub === 'cancel' && method === 'POST') return jobs.cancel(id);
    if (collection === 'jobs' && id && sub === undefined && method === 'GET') return jobs.get(id);
    if (collection === 'queries' && id && method === 'GET') return jobs.results(id, query);
    if (collection === 'datasets' && method === 'GET') {
      const reply = catalogueRoute(
        estate,
        project,
        {
          ...(id ? { id } : {}),
          ...(sub ? { sub } : {}),
          ...(subId ? { subId } : {}),
          ...(leaf ? { leaf } : {}),
        },
        query,
      );
      if (reply) return reply;
    }
    return { status: 404, body: errorBody(404, 'notFound', `No route ${method} ${path}`) };
  }

  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams.entries());
      requests.push({ method: request.method ?? 'GET', path: url.pathname, query });
      let result: { status: number; body: Record<string, unknown> };
      if (request.headers.authorization !== `Bearer ${token}`) {
        result = {
          status: 401,
          body: errorBody(401, 'unauthorized', 'Request is missing required authentication credential.'),
        };
      } else {
        try {
          result = route(request.method ?? 'GET', url.pathname, query, await readJson(request));
        } catch (error) {
          result = { status: 500, body: errorBody(500, 'internalError', String(error)) };
        }
      }
      response.writeHead(result.status, { 'content-type': 'application/json; charset=UTF-8' });
      response.end(JSON.stringify(result.body));
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    jobs: jobs.recorded,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
