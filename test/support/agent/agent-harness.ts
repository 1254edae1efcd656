/**
 * Builds the agent as the worker would run it, with real SDK clients pointed at fake vendor
 * servers and a real MCP warehouse, and runs one task. Retry waits are recorded, not slept.
 */
import { createAgent } from '../../../src/agent/create-agent.ts';
import type { AgentBudgets } from '../../../src/agent/budgets.ts';
import { createModelResolver, type ModelsConfig } from '../../../src/agent/models/model-resolver.ts';
import type { RenderChart } from '../../../src/agent/tools/make-chart.ts';
import { createManualClock } from '../../../src/core/clock.ts';
import type { Locale } from '../../../src/core/locale.ts';
import type { Sandbox } from '../../../src/core/ports/sandbox.ts';
import type { TaskOutcome, ThreadTurnView } from '../../../src/core/ports/task-handler.ts';
import { MODEL_IDS, startFakeProvider, type FakeProvider, type ProviderName } from './fake-providers.ts';
import type { DemoWarehouse } from './demo-warehouse.ts';
import { createTestContext, type RecordedStep } from './task-context.ts';

/** 09:30 on Monday 5 January 2026 in Tokyo. */
export const NOW = new Date('2026-01-05T00:30:00Z');

export const DEFAULT_BUDGETS: AgentBudgets = { maxSteps: 10, maxTokens: 100_000, wallClockMs: 20_000 };

export interface HarnessOptions {
  /** Providers in chain order; the first answers unless it fails. */
  providers: ProviderName[];
  warehouse: DemoWarehouse;
  budgets?: Partial<AgentBudgets>;
  /** Per LLM attempt. */
  timeoutMs?: number;
  maxAttempts?: number;
  sandbox?: Sandbox;
  renderChart?: RenderChart;
}

export interface Harness {
  providers: FakeProvider[];
  sleeps: number[];
  run(
    question: string,
    options?: { history?: ThreadTurnView[]; locale?: Locale; signal?: AbortSignal },
  ): Promise<{
    outcome: TaskOutcome;
    steps: RecordedStep[];
  }>;
  close(): Promise<void>;
}

export async function createHarness(options: HarnessOptions): Promise<Harness> {
  const providers = await Promise.all(options.providers.map((name) => startFakeProvider(name)));
  const config: ModelsConfig = {
    ...Object.assign({}, ...providers.map((provider) => provider.config)),
    chain: options.providers.map((name) => MODEL_IDS[name]),
  };
  const sleeps: number[] = [];
  const clock = createManualClock(NOW);
  const resolveModel = createModelResolver(config, {
    timeoutMs: options.timeoutMs ?? 10_000,
    retry: {
      maxAttempts: options.maxAttempts ?? 3,
      sleep: async (ms) => void sleeps.push(ms),
      random: () => 0.5,
    },
    clock,
  });
  const agent = createAgent({
    resolveModel,
    openWarehouse: () => options.warehouse.connect(),
    clock,
    budgets: { ...DEFAULT_BUDGETS, ...options.budgets },
    ...(options.sandbox ? { sandbox: options.sandbox } : {}),
    ...(options.renderChart ? { renderChart: options.renderChart } : {}),
  });
  return {
    providers,
    sleeps,
    async run(question, runOptions = {}) {
      const { context, steps } = createTestContext({
        question,
        ...(runOptions.locale ? { locale: runOptions.locale } : {}),
        ...(runOptions.history ? { history: runOptions.history } : {}),
        ...(runOptions.signal ? { signal: runOptions.signal } : {}),
      });
      const outcome = await agent.run(context);
      return { outcome, steps };
    },
    close: async () => {
      await Promise.all(providers.map((provider) => provider.close()));
    },
  };
}
