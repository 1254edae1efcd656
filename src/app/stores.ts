/** Every store over one database, built once and passed around as plain objects. */
import { createChartImageStore } from '../store/chart-image-store.ts';
import { createConsoleMessageStore } from '../store/console-message-store.ts';
import { createFeedbackStore } from '../store/feedback-store.ts';
import type { Database } from '../store/prisma-client.ts';
import { createStepStore } from '../store/step-store.ts';
import { createTaskStore } from '../store/task-store.ts';
import { createThreadStore } from '../store/thread-store.ts';
import { createWorkspaceStore } from '../store/workspace-store.ts';

export function createStores(db: Database) {
  return {
    db,
    tasks: createTaskStore(db),
    steps: createStepStore(db),
    workspaces: createWorkspaceStore(db),
    threads: createThreadStore(db),
    charts: createChartImageStore(db),
    consoleMessages: createConsoleMessageStore(db),
    feedback: createFeedbackStore(db),
  };
}

export type Stores = ReturnType<typeof createStores>;
