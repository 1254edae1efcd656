/**
 * The agent: the TaskHandler the worker runs for a question. It picks the workspace's model,
 * opens the warehouse, builds the prompt and the thread memory, runs the tool-calling loop
 * within the task's budgets and turns the outcome into a Reply.
 */
import type { Tracer } from '../core/ports/tracer.ts';
import type { Clock } from '../core/clock.ts';
import { KotaeError, errorMessage, isKotaeError } from '../core/errors.ts';
import { formatDuration, formatNumber } from '../core/i18n/format.ts';
import { t } from '../core/i18n/translate.ts';
import type { Locale } from '../core/locale.ts';
import type { Logger } from '../core/logger.ts';
import type { ModelMessage } from '../core/ports/chat-model.ts';
import type { Sandbox } from '../core/ports/sandbox.ts';
import type { TaskContext, TaskHandler, TaskOutcome } from '../core/ports/task-handler.ts';
import { untilAborted } from './abortable.ts';
import { runAgentLoop, type LoopResult } from './agent-loop.ts';
import { STOP_MESSAGE, startDeadline, type AgentBudgets, type StopReason } from './budgets.ts';
import { buildReply } from './build-reply.ts';
import type { ModelResolver } from './models/model-resolver.ts';
import { createResultStore, type ResultStore } from './result-store.ts';
import { summariseTable } from './result-summary.ts';
import { buildSystemPrompt } from './system-prompt.ts';
import { buildThreadMemory } from './thread-memory.ts';
import { createToolCatalogue } from './tool-catalogue.ts';
import { createMakeChartTool, type RenderChart } from './tools/make-chart.ts';
import { createRunAnalysisTool } from './tools/run-analysis.ts';
import type { LocalTool } from './tools/local-tool.ts';
import type { OpenWarehouse, WarehouseConnection } from '../core/ports/warehouse-connection.ts';

export interface AgentDeps {
  resolveModel: ModelResolver;
  openWarehouse: OpenWarehouse;
  /** Without one, run_analysis is not offered. */
  sandbox?: Sandbox;
  /** Without one, make_chart is not offered. */
  renderChart?: RenderChart;
  clock: Clock;
  budgets: AgentBudgets;
  logger?: Logger;
  /** Spans for each tool call (and, through the model, each turn). */
  tracer?: Tracer;
}

const DEFAULT_HISTORY_TOKENS = 3_000;

export function createAgent(deps: AgentDeps): TaskHandler {
  return { run: (context) => runTask(deps, context) };
}

async function runTask(deps: AgentDeps, context: TaskContext): Promise<TaskOutcome> {
  const { task } = context;
  const startedAt = deps.clock.now();
  const { timeZone } = task;
  // Decided at intake (the question's own language first) and stored on the task.
  const { locale } = task;
  const model = deps.resolveModel(task.workspace.model);
  if (!model) {
    throw new KotaeError('llm_not_configured', 'no LLM provider is configured', {
      userMessage: 'llm.notConfigured',
    });
  }
  const deadline = startDeadline(deps.budgets.wallClockMs, context.signal);
  const store = createResultStore();
  let connection: WarehouseConnection | undefined;
  try {
    connection = await untilAborted(
      deps.openWarehouse(task),
      deadline.signal,
      (late) => void late.close().catch(() => {}),
    );
    const local: LocalTool[] = [
      ...(deps.sandbox ? [createRunAnalysisTool(deps.sandbox, store)] : []),
      ...(deps.renderChart ? [createMakeChartTool(deps.renderChart, store, { locale, timeZone })] : []),
    ];
    const catalogue = await createToolCatalogue(connection, local, deadline.signal);
    const system = buildSystemPrompt({
      dialect: connection.dialect,
      ...(connection.instructions ? { instructions: connection.instructions } : {}),
      locale,
      now: startedAt,
      timeZone,
      toolNames: catalogue.specs.map((spec) => spec.name),
    });
    const messages = conversation(context, deps.budgets.historyTokens ?? DEFAULT_HISTORY_TOKENS);
    const result = await runAgentLoop({
      model,
      system,
      messages,
      catalogue,
      budgets: deps.budgets,
      deadline,
      toolEnv: { store, locale, context, ...(deps.tracer ? { tracer: deps.tracer } : {}) },
    });
    deps.logger?.info('agent finished', {
      taskId: task.id,
      outcome: result.kind === 'answer' ? 'answer' : `stopped:${result.reason}`,
      steps: result.steps,
      turns: result.turns,
      model: result.model,
      ...result.usage,
    });
    return result.kind === 'answer'
      ? answerOutcome(result, { deps, context, locale, store, startedAt, modelId: model.id })
      : stoppedOutcome(result.reason, { deps, context, locale, store, startedAt }, result);
  } catch (error) {
    if (deadline.timedOut() && !context.signal.aborted) {
      return stoppedOutcome('time', { deps, context, locale, store, startedAt });
    }
    throw taskError(error, context.signal);
  } finally {
    deadline.dispose();
    await connection?.close().catch((error: unknown) => {
      deps.logger?.warn('closing the warehouse connection failed', {
        taskId: task.id,
        error: errorMessage(error),
      });
    });
  }
}

/** History (bounded) and the question. Questions summarised from older turns go first. */
function conversation(context: TaskContext, historyTokens: number): ModelMessage[] {
  const memory = buildThreadMemory(context.history, historyTokens);
  const messages: ModelMessage[] = [...memory.messages, { role: 'user', content: context.task.question }];
  if (memory.earlierQuestions !== '') {
    const first = messages[0] as Extract<ModelMessage, { role: 'user' }>;
    messages[0] = { role: 'user', content: `${memory.earlierQuestions}\n\n${first.content}` };
  }
  return messages;
}

interface OutcomeInput {
  deps: AgentDeps;
  context: TaskContext;
  locale: Locale;
  store: ResultStore;
  startedAt: Date;
}

function answerOutcome(
  result: Extract<LoopResult, { kind: 'answer' }>,
  input: OutcomeInput & { modelId: string },
): TaskOutcome {
  const text = result.text.trim();
  const reply = buildReply({
    taskId: input.context.task.id,
    locale: input.locale,
    kind: text === '' ? 'error' : 'answer',
    text: text === '' ? t(input.locale, 'agent.emptyAnswer', { reason: result.finishReason }) : text,
    store: input.store,
    durationMs: elapsed(input),
    ...(result.model ? { model: result.model } : {}),
  });
  return {
    reply,
    turn: turnOf(input.store),
    usage: { ...result.usage, model: result.model ?? input.modelId },
  };
}

function stoppedOutcome(reason: StopReason, input: OutcomeInput, totals?: LoopResult): TaskOutcome {
  const { budgets } = input.deps;
  const limit: Record<string, string> =
    reason === 'steps'
      ? { max: formatNumber(budgets.maxSteps, input.locale) }
      : reason === 'tokens'
        ? { max: formatNumber(budgets.maxTokens, input.locale) }
        : { duration: formatDuration(budgets.wallClockMs, input.locale) };
  const partial = input.store.lastTable() ? `\n\n${t(input.locale, 'agent.budget.partial')}` : '';
  const reply = buildReply({
    taskId: input.context.task.id,
    locale: input.locale,
    kind: 'error',
    text: t(input.locale, STOP_MESSAGE[reason], limit) + partial,
    store: input.store,
    durationMs: elapsed(input),
    ...(totals?.model ? { model: totals.model } : {}),
  });
  return {
    reply,
    turn: turnOf(input.store),
    ...(totals ? { usage: { ...totals.usage, model: totals.model ?? '' } } : {}),
  };
}

function turnOf(store: ResultStore): { sql: string[]; resultSummary: string } {
  return { sql: store.queries().map((query) => query.sql), resultSummary: summariseTable(store.lastTable()) };
}

function elapsed(input: OutcomeInput): number {
  return Math.max(0, input.deps.clock.now().getTime() - input.startedAt.getTime());
}

/**
 * What the worker gets when the task cannot finish. LLM failures reach here only after our
 * retries and the fallback chain are spent, so they are final (not retryable): the user gets
 * the reason now rather than after redeliveries. A cancelled task (shutdown) is retryable.
 */
function taskError(error: unknown, signal: AbortSignal): unknown {
  if (signal.aborted) {
    if (isKotaeError(signal.reason)) return signal.reason;
    return new KotaeError('task_aborted', 'the task was cancelled', {
      retryable: true,
      userMessage: 'task.shutdown',
      cause: error,
    });
  }
  if (isKotaeError(error) && error.code.startsWith('llm_')) {
    return new KotaeError(error.code, error.message, {
      cause: error,
      retryable: false,
      ...(error.userMessage ? { userMessage: error.userMessage } : {}),
      userParams: error.userParams,
      data: error.data,
    });
  }
  return error;
}
