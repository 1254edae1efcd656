/**
 * A query-log sink that also reports each query to the metrics port: bytes processed by
 * executed queries, and refusals by a low-cardinality reason (never the SQL or the text).
 */
import type { Metrics } from '../core/ports/metrics.ts';
import type { QueryLogSink } from './query-log.ts';

/** The refusal's category, read from the reason the guard or the budget wrote. */
export function refusalCategory(reason: string | undefined): string {
  const text = (reason ?? '').toLowerCase();
  if (text.includes('daily byte budget')) return 'budget';
  if (/byte cap|bytes billed|maximum bytes|would process|too many bytes/.test(text)) return 'byte_cap';
  if (/dataset|outside the warehouse|internal and cannot|not allowed/.test(text)) return 'dataset';
  if (/statement|select|exactly one|read-only|files or the network|is a file/.test(text)) return 'statement';
  return 'other';
}

export function meteredQueryLog(sink: QueryLogSink, metrics: Metrics): QueryLogSink {
  return {
    async record(entry) {
      const verdict =
        entry.verdict === 'EXECUTED' ? 'executed' : entry.verdict === 'REFUSED' ? 'refused' : 'failed';
      metrics.warehouseQuery({
        backend: entry.backend,
        verdict,
        bytes: entry.bytesProcessed ?? 0,
        ...(verdict === 'refused' ? { reason: refusalCategory(entry.reason) } : {}),
      });
      await sink.record(entry);
    },
  };
}
