/**
 * A task as the Slack buttons see it: whose it is, its language, and the SQL behind its
 * answer. The task's workspace must be the team that clicked, so a button value copied
 * into another workspace reveals nothing.
 */
import type { Locale } from '../../core/locale.ts';
import type { TaskReader } from '../../core/ports/task-reader.ts';
import { storedLocale } from '../../core/stored-locale.ts';

export interface SlackTaskView {
  id: string;
  locale: Locale;
  finished: boolean;
  /** Statements from the stored answer's provenance; empty when none ran. */
  sql: string[];
}

export interface SlackTaskLookup {
  /** The task when it exists and belongs to this Slack team; null otherwise. */
  find(taskId: string, teamId: string): Promise<SlackTaskView | null>;
}

export function createSlackTaskLookup(deps: { tasks: TaskReader }): SlackTaskLookup {
  return {
    async find(taskId, teamId) {
      if (!/^[\w-]{1,64}$/.test(taskId)) return null;
      const task = await deps.tasks.get(taskId);
      if (!task || task.thread.platform !== 'slack') return null;
      // The thread's workspace is the platform's own id: the Slack team.
      if (task.thread.workspaceId !== teamId) return null;
      // Task.result is the worker's stored answer: { reply: Reply without chart bytes, turn }.
      const result = task.result as { reply?: { provenance?: { sql?: unknown } } } | null;
      const statements = result?.reply?.provenance?.sql;
      const sql = Array.isArray(statements)
        ? statements.filter((s): s is string => typeof s === 'string')
        : [];
      return {
        id: task.id,
        locale: storedLocale(task.locale),
        // The answer (and its SQL) is stored before it is delivered, so a button under it always finds it.
        finished: task.result !== null || task.status === 'COMPLETED' || task.status === 'FAILED',
        sql,
      };
    },
  };
}
