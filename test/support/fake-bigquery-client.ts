/**
 * The real @google-cloud/bigquery client, pointed at a fake BigQuery on 127.0.0.1 with a
 * static OAuth access token (no metadata server, no key file, no network).
 */
import { BigQuery } from '@google-cloud/bigquery';
import { OAuth2Client } from 'google-auth-library';
import type { FakeBigQuery } from '../fakes/bigquery/fake-bigquery.ts';

export function fakeBigQueryClient(fake: FakeBigQuery, projectId: string): BigQuery {
  const auth = new OAuth2Client();
  auth.setCredentials({ access_token: fake.token, expiry_date: Date.now() + 3_600_000 });
  return new BigQuery({ projectId, apiEndpoint: fake.url, authClient: auth, autoRetry: false });
}
