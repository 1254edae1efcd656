/**
 * A BigQuery client from plain options: Application Default Credentials unless a service
 * account key file is given (ADC itself also honours GOOGLE_APPLICATION_CREDENTIALS).
 */
import { BigQuery } from '@google-cloud/bigquery';

export interface BigQueryClientOptions {
  projectId: string;
  location?: string;
  keyFile?: string;
  /** For an emulator or a fake; production leaves it unset. */
  apiEndpoint?: string;
}

export function createBigQueryClient(options: BigQueryClientOptions): BigQuery {
  return new BigQuery({
    projectId: options.projectId,
    ...(options.location ? { location: options.location } : {}),
    ...(options.keyFile ? { keyFilename: options.keyFile } : {}),
    ...(options.apiEndpoint ? { apiEndpoint: options.apiEndpoint } : {}),
  });
}
