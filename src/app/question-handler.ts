/**
 * The question handler: the agent, with the configured models, the warehouse, the
 * sandbox and the chart renderer. Null when no LLM is configured (none can be embedded):
 * then every question gets the message that says exactly what to set.
 */
import { createAgent } from '../agent/create-agent.ts';
import { createModelResolver } from '../agent/models/model-resolver.ts';
import type { Config } from '../config/config.ts';
import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import type { TaskHandler } from '../core/ports/task-handler.ts';
import { createChartPool } from '../render/chart/chart-pool.ts';
import { createSandbox } from '../sandbox/create-sandbox.ts';
import type { Database } from '../store/prisma-client.ts';
import { createWarehouse } from './warehouse.ts';

export interface QuestionHandler {
  handler: TaskHandler;
  close(): Promise<void>;
}

export async function createQuestionHandler(
  config: Config,
  db: Database,
  logger: Logger,
  clock: Clock,
): Promise<QuestionHandler | null> {
  const resolveModel = createModelResolver(config.models, { logger });
  if (!resolveModel(null)) {
    logger.warn('no LLM configured: set OPENAI_API_KEY, GEMINI_API_KEY or OPENAI_BASE_URL');
    return null;
  }
  const warehouse = await createWarehouse(config, db, logger);
  const sandbox = createSandbox({
    timeoutMs: config.sandbox.timeoutMs,
    memoryBytes: config.sandbox.memoryMb * 1024 * 1024,
  });
  // Charts are drawn in worker threads: never on the thread that acks Slack.
  const charts = createChartPool();
  const handler = createAgent({
    resolveModel,
    openWarehouse: (task) => warehouse.open(task),
    sandbox,
    renderChart: (spec, options) => charts.render(spec, options),
    clock,
    budgets: config.agent,
    logger,
  });
  return {
    handler,
    close: async () => {
      await sandbox.close();
      await charts.close();
      await warehouse.close();
    },
  };
}
