/**
 * Wraps the model resolver so every turn is a span and reports to the metrics port: calls,
 * tokens and errors by model ("provider/model" as the response names it; the resolved id
 * on failure).
 */
import { isKotaeError } from '../../core/errors.ts';
import type { ChatModel } from '../../core/ports/chat-model.ts';
import type { Metrics } from '../../core/ports/metrics.ts';
import { noTracer, type Tracer } from '../../core/ports/tracer.ts';
import type { ModelResolver } from './model-resolver.ts';

export function meteredModel(model: ChatModel, metrics: Metrics, tracer: Tracer = noTracer): ChatModel {
  return {
    id: model.id,
    generate: (request) =>
      tracer.span(
        `llm ${model.id}`,
        { kind: 'client', attributes: { 'gen_ai.request.model': model.id } },
        () => measured(request),
      ),
  };

  async function measured(request: Parameters<ChatModel['generate']>[0]) {
    const started = performance.now();
    const seconds = () => (performance.now() - started) / 1000;
    try {
      const response = await model.generate(request);
      const { inputTokens, outputTokens } = response.usage;
      metrics.llmCall({
        model: response.model || model.id,
        outcome: 'ok',
        seconds: seconds(),
        inputTokens,
        outputTokens,
      });
      return response;
    } catch (error) {
      const errorCode = isKotaeError(error) ? error.code : 'unknown';
      metrics.llmCall({
        model: model.id,
        outcome: 'error',
        seconds: seconds(),
        inputTokens: 0,
        outputTokens: 0,
        errorCode,
      });
      throw error;
    }
  }
}

export function meteredModels(
  resolve: ModelResolver,
  metrics: Metrics,
  tracer: Tracer = noTracer,
): ModelResolver {
  return (workspaceModel) => {
    const model = resolve(workspaceModel);
    return model && meteredModel(model, metrics, tracer);
  };
}
