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
import { noMetrics, type Metrics } from '../core/ports/metrics.ts';
import { noTracer, type Tracer } from '../core/ports/tracer.ts';
import { meteredModels } from '../agent/models/metered-model.ts';
import type { TaskHandler } from '../core/ports/task-handler.ts';
import { createChartPool } from '../render/chart/chart-pool.ts';
import { createSandbox } from '../sandbox/create-sandbox.ts';
import type { Database } from '../store/prisma-client.ts';
import { credentialStoreFor } from './credentials.ts';
import type { ProcessWarehouse } from './process-warehouse.ts';
import { createWorkspaceModels } from './workspace-models.ts';

export interface QuestionHandler {
  handler: TaskHandler;
  /** The warehouse's readiness: null until a task opened it. */
  check(): Promise<void> | null;
  close(): Promise<void>;
}

export async function createQuestionHandler(
  config: Config,
  db: Database,
  warehouse: ProcessWarehouse,
  logger: Logger,
  clock: Clock,
  metrics: Metrics = noMetrics,
  tracer: Tracer = noTracer,
): Promise<QuestionHandler | null> {
  const resolveModel = meteredModels(createModelResolver(config.models, { logger }), metrics, tracer);
  if (!resolveModel(null)) {
    logger.warn('no LLM configured: set OPENAI_API_KEY, GEMINI_API_KEY or OPENAI_BASE_URL');
    return null;
  }
  await warehouse.ready();
  const sandbox = createSandbox({
    timeoutMs: config.sandbox.timeoutMs,
    memoryBytes: config.sandbox.memoryMb * 1024 * 1024,
    // Not every question runs code: its workers start with the first that does.
    startOnFirstRun: true,
  });
  // Charts are drawn in worker threads: never on the thread that acks Slack. Started with
  // the first chart, so a process that draws none holds no renderer.
  const charts = createChartPool({ startOnFirstChart: true });
  const credentials = credentialStoreFor(config, db);
  const workspaceModels = credentials ? createWorkspaceModels(config.models, credentials, { logger }) : null;
  // Counted and traced whichever key pays: the workspace's own or the global one.
  const modelsFor = workspaceModels
    ? async (workspaceId: string) => meteredModels(await workspaceModels(workspaceId), metrics, tracer)
    : async () => resolveModel;
  const agentFor = (resolve: typeof resolveModel) =>
    createAgent({
      resolveModel: resolve,
      openWarehouse: (task) => warehouse.open(task),
      sandbox,
      renderChart: (spec, options) => charts.render(spec, options),
      clock,
      budgets: config.agent,
      logger,
      tracer,
    });
  const handler: TaskHandler = {
    // The workspace's own key, when it stored one, in place of the global key.
    run: async (context) => await agentFor(await modelsFor(context.task.workspace.id)).run(context),
  };
  return {
    handler,
    check: () => warehouse.check(),
    close: async () => {
      await sandbox.close();
      await charts.close();
    },
  };
}
