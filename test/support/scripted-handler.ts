/**
 * A TaskHandler that stands in for the agent in the foundation's tests (the port, not our
 * module, is faked): it reports two steps and answers with a table, and can be held
 * mid-task to simulate slow work.
 */
import type { Reply } from '../../src/core/reply.ts';
import type { TaskContext, TaskHandler, TaskOutcome } from '../../src/core/ports/task-handler.ts';

export interface ScriptedHandler extends TaskHandler {
  calls: TaskContext[];
  /** Resolves the next time a task reaches the handler. */
  started(): Promise<TaskContext>;
  /** Lets held tasks finish. */
  release(): void;
}

export interface ScriptedHandlerOptions {
  hold?: boolean;
  stepDelayMs?: number;
  /** Replaces parts of the answer (a bigger table, a chart, feedback buttons…). */
  answer?: (context: TaskContext) => Partial<Reply>;
}

export function createScriptedHandler(options: ScriptedHandlerOptions = {}): ScriptedHandler {
  const calls: TaskContext[] = [];
  const waiters: Array<(context: TaskContext) => void> = [];
  let releaseHeld: () => void = () => {};
  const held = new Promise<void>((resolve) => (releaseHeld = resolve));
  if (!options.hold) releaseHeld();
  const pause = () => new Promise((resolve) => setTimeout(resolve, options.stepDelayMs ?? 0));

  return {
    calls,
    started: () => new Promise((resolve) => waiters.push(resolve)),
    release: () => releaseHeld(),
    async run(context): Promise<TaskOutcome> {
      calls.push(context);
      waiters.splice(0).forEach((resolve) => resolve(context));
      const ja = context.task.locale === 'ja';
      const search = context.startStep(ja ? 'テーブルを検索しています: orders' : 'Searching tables: orders');
      await pause();
      search.finish();
      const query = context.startStep(ja ? 'クエリを実行しています' : 'Running query');
      await Promise.race([
        held,
        new Promise((_, reject) =>
          context.signal.addEventListener('abort', () => reject(context.signal.reason), { once: true }),
        ),
      ]);
      query.finish({ label: ja ? 'クエリを実行しました（1.2 GB スキャン）' : 'Ran query (1.2 GB scanned)' });
      return {
        reply: {
          kind: 'answer',
          locale: context.task.locale,
          text: ja ? '先月の売上トップは東京都です。' : 'Tokyo had the most sales last month.',
          table: {
            columns: [
              { name: 'prefecture', type: 'STRING' },
              { name: 'sales', type: 'INT64' },
            ],
            rows: [
              ['東京都', 120_000_000],
              ['大阪府', 80_000_000],
            ],
            totalRows: 2,
            truncated: false,
          },
          provenance: {
            sql: ['SELECT prefecture, SUM(amount) AS sales FROM retail.orders GROUP BY 1 ORDER BY 2 DESC'],
            bytesProcessed: 1_288_490_189,
            rows: 2,
            durationMs: 420,
            model: 'scripted/test',
          },
          actions: [{ kind: 'show_sql', taskId: context.task.id }],
          ...options.answer?.(context),
        },
        turn: { sql: ['SELECT 1'], resultSummary: 'Tokyo first' },
      };
    },
  };
}
