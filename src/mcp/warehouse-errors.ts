/**
 * Errors a backend raises about a query. The server turns each into an MCP error result
 * the model reads (`isError: true`) and records it in the query log; none reaches the agent
 * as an exception.
 *  - refused: a rule said no (the server's guard, or a backend's own last-line check);
 *  - failed: the engine said no (syntax, unknown column, out of memory, bytes billed limit);
 *  - timeout: the query ran past the policy's time limit and was stopped.
 */
import { KotaeError } from '../core/errors.ts';

export type QueryErrorKind = 'refused' | 'failed' | 'timeout';

export class WarehouseQueryError extends KotaeError {
  readonly kind: QueryErrorKind;

  constructor(kind: QueryErrorKind, message: string, options: { cause?: unknown; jobId?: string } = {}) {
    super(`warehouse.query_${kind}`, message, {
      cause: options.cause,
      data: options.jobId ? { jobId: options.jobId } : {},
    });
    this.name = 'WarehouseQueryError';
    this.kind = kind;
  }

  get jobId(): string | undefined {
    return typeof this.data['jobId'] === 'string' ? this.data['jobId'] : undefined;
  }
}

export function isWarehouseQueryError(error: unknown): error is WarehouseQueryError {
  return error instanceof WarehouseQueryError;
}
