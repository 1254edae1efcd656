/**
 * The guard: the one place that decides whether a query may run. It reads the backend's
 * dry-run facts and the policy; the order of the checks sets which reason the model sees
 * first (the statement itself, then where it reads, then how much).
 */
import { formatBytes } from '../core/i18n/format.ts';
import type { DryRunReport, TableRef } from './warehouse-backend.ts';
import { describeAllowlist, isTableAllowed, type WarehousePolicy } from './warehouse-policy.ts';

export type GuardVerdict = { allowed: true } | { allowed: false; reason: string };

const STATEMENT_HINTS: Record<string, string> = {
  SCRIPT:
    'Multi-statement scripts (several statements, DECLARE/SET, IF/LOOP, EXECUTE IMMEDIATE) are not allowed.',
  MULTI: 'Several statements in one call are not allowed.',
  CALL: 'Procedure calls are not allowed.',
  EXPORT_DATA: 'Exporting data is not allowed.',
};

export function tableName(ref: TableRef): string {
  return [ref.project, ref.dataset, ref.table].filter(Boolean).join('.');
}

/** Whether every table a query reads (through views) lies inside the allowlist. */
export function judgeTablesRead(
  tables: TableRef[],
  policy: WarehousePolicy,
  defaultProject?: string,
): GuardVerdict {
  const offList = tables.filter((ref) => !isTableAllowed(policy, ref, defaultProject));
  if (offList.length === 0) return { allowed: true };
  return {
    allowed: false,
    reason:
      `Refused: the query reads ${offList.map(tableName).join(', ')}, outside the datasets this channel may use ` +
      `(${describeAllowlist(policy)}). Views count by the tables they read.`,
  };
}

export function judgeDryRun(
  report: DryRunReport,
  policy: WarehousePolicy,
  defaultProject?: string,
): GuardVerdict {
  if (report.refusal)
    return { allowed: false, reason: `Refused: ${report.refusal} Only one read-only SELECT query may run.` };
  if (report.statementType !== 'SELECT') {
    const hint =
      STATEMENT_HINTS[report.statementType] ??
      'Writes, DDL, DML, MERGE and administrative statements are not allowed.';
    return {
      allowed: false,
      reason: `Refused: this is a ${report.statementType} statement. ${hint} Only one read-only SELECT query may run.`,
    };
  }
  const where = judgeTablesRead(report.referencedTables, policy, defaultProject);
  if (!where.allowed) return where;
  if (report.bytesProcessed > policy.maxBytesBilled) {
    return {
      allowed: false,
      reason:
        `Refused: the query would process about ${formatBytes(report.bytesProcessed, 'en')} ` +
        `(${report.bytesProcessed} bytes), over the cap of ${formatBytes(policy.maxBytesBilled, 'en')} ` +
        `(${policy.maxBytesBilled} bytes). Select fewer columns, filter on a date or partition column, or aggregate.`,
    };
  }
  return { allowed: true };
}

/**
 * Engines suggest names in errors ('Did you mean "hr.staff"?'). Drop suggestions that point
 * outside the allowlist, so an error message cannot reveal what the channel may not see.
 */
export function scrubEngineMessage(
  message: string,
  policy: WarehousePolicy,
  defaultProject?: string,
): string {
  return message.replace(/Did you mean "([^"]+)"\??/g, (hint, name: string) => {
    const parts = name.split('.');
    if (parts.length < 2) return hint;
    const ref: TableRef =
      parts.length >= 3
        ? { project: parts[0]!, dataset: parts[1]!, table: parts.slice(2).join('.') }
        : { dataset: parts[0]!, table: parts[1]! };
    return isTableAllowed(policy, ref, defaultProject) ? hint : '';
  });
}
