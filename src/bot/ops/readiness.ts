/**
 * Runs the readiness checks side by side, each with its own time limit, and says which
 * parts failed. A check that hangs (a half-open TCP connection to the database) counts
 * as failed at its deadline, so a probe never waits on it.
 */
import { errorMessage } from '../../core/errors.ts';
import type { ReadinessCheck } from '../../core/ports/readiness.ts';

export interface ReadinessReport {
  ready: boolean;
  /** "ok", or why the part failed. */
  checks: Record<string, string>;
  failing: string[];
}

export async function runReadiness(checks: ReadinessCheck[], timeoutMs: number): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async ({ name, check }) => {
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(new Error(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
      });
      try {
        await Promise.race([check(controller.signal), deadline]);
        return [name, 'ok'] as const;
      } catch (error) {
        return [name, errorMessage(error).split('\n')[0]!.slice(0, 200)] as const;
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  const failing = results.filter(([, status]) => status !== 'ok').map(([name]) => name);
  return { ready: failing.length === 0, checks: Object.fromEntries(results), failing };
}
