/**
 * The tool-calling loop: ask the model, run the tools it asks for, feed the results back,
 * until it answers or a budget runs out. One model turn at a time; the tools of a turn run
 * in order, each a step the user sees.
 */
import type { ChatModel, ModelMessage, ModelRequest, TokenUsage } from '../core/ports/chat-model.ts';
import type { FinishReason } from '../core/ports/chat-model.ts';
import type { AgentBudgets, Deadline, StopReason } from './budgets.ts';
import { MESSAGE_OVERHEAD_TOKENS, estimateTokens } from './estimate-tokens.ts';
import type { ToolCatalogue } from './tool-catalogue.ts';
import { runToolCall, type ToolRunEnv } from './tool-runner.ts';

export interface LoopInput {
  model: ChatModel;
  system: string;
  /** History and the question; the loop appends to it. */
  messages: ModelMessage[];
  catalogue: ToolCatalogue;
  budgets: AgentBudgets;
  deadline: Deadline;
  toolEnv: Omit<ToolRunEnv, 'catalogue' | 'signal'>;
}

interface LoopTotals {
  usage: TokenUsage;
  steps: number;
  turns: number;
  /** The model that produced the last turn ("provider/model"). */
  model?: string;
}

export type LoopResult =
  | ({ kind: 'answer'; text: string; finishReason: FinishReason } & LoopTotals)
  | ({ kind: 'stopped'; reason: StopReason } & LoopTotals);

export async function runAgentLoop(input: LoopInput): Promise<LoopResult> {
  const { budgets, deadline } = input;
  const totals: LoopTotals = { usage: { inputTokens: 0, outputTokens: 0 }, steps: 0, turns: 0 };
  const stop = (reason: StopReason): LoopResult => ({ kind: 'stopped', reason, ...totals });
  const env: ToolRunEnv = { ...input.toolEnv, catalogue: input.catalogue, signal: deadline.signal };

  for (;;) {
    if (deadline.timedOut()) return stop('time');
    if (totals.usage.inputTokens + totals.usage.outputTokens >= budgets.maxTokens) return stop('tokens');
    const request: ModelRequest = {
      system: input.system,
      messages: input.messages,
      tools: input.catalogue.specs,
      ...(budgets.maxOutputTokens === undefined ? {} : { maxOutputTokens: budgets.maxOutputTokens }),
      signal: deadline.signal,
    };
    let response;
    try {
      response = await input.model.generate(request);
    } catch (error) {
      if (deadline.timedOut()) return stop('time');
      throw error;
    }
    totals.turns += 1;
    totals.model = response.model;
    addUsage(totals.usage, response.usage, request, response.text, response.toolCalls);
    input.messages.push({
      role: 'assistant',
      content: response.text,
      toolCalls: response.toolCalls,
      ...(response.providerData === undefined ? {} : { providerData: response.providerData }),
    });
    if (response.toolCalls.length === 0) {
      return { kind: 'answer', text: response.text, finishReason: response.finishReason, ...totals };
    }
    for (const call of response.toolCalls) {
      if (totals.steps >= budgets.maxSteps) return stop('steps');
      totals.steps += 1;
      input.messages.push(await runToolCall(call, env));
      if (deadline.timedOut()) return stop('time');
    }
  }
}

/**
 * Adds a turn's usage. Some OpenAI-compatible servers report none; the budget must still
 * hold there, so an unreported side is estimated (conservatively) from the text.
 */
function addUsage(
  total: TokenUsage,
  usage: TokenUsage,
  request: ModelRequest,
  text: string,
  toolCalls: Array<{ arguments: Record<string, unknown> }>,
): void {
  total.inputTokens += usage.inputTokens > 0 ? usage.inputTokens : estimateRequest(request);
  total.outputTokens +=
    usage.outputTokens > 0
      ? usage.outputTokens
      : estimateTokens(text) +
        toolCalls.reduce((sum, call) => sum + estimateTokens(JSON.stringify(call.arguments)), 0);
}

function estimateRequest(request: ModelRequest): number {
  const tools = estimateTokens(JSON.stringify(request.tools));
  return request.messages.reduce(
    (sum, message) => sum + MESSAGE_OVERHEAD_TOKENS + estimateTokens(message.content),
    estimateTokens(request.system) + tools,
  );
}
