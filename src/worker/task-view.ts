/**
 * What a handler sees of a claimed task: the task's own decided locale and time zone, its
 * workspace's model and the channel's warehouse mapping. Questions and digests share it.
 */
import { storedLocale } from '../core/stored-locale.ts';
import type { TaskView } from '../core/ports/task-handler.ts';
import type { Task } from '../core/task.ts';
import type { WorkspaceStore } from '../store/workspace-store.ts';

export async function buildTaskView(
  task: Task,
  workspaces: Pick<WorkspaceStore, 'get' | 'findMapping'>,
): Promise<TaskView> {
  const [workspace, mapping] = await Promise.all([
    workspaces.get(task.workspaceId),
    workspaces.findMapping(task.workspaceId, task.thread.channelId),
  ]);
  return {
    id: task.id,
    kind: task.kind,
    thread: task.thread,
    userId: task.userId,
    question: task.question,
    locale: storedLocale(task.locale),
    timeZone: task.timeZone,
    attempt: task.attempts,
    workspace: { id: task.workspaceId, model: workspace?.model ?? null },
    mapping,
  };
}
