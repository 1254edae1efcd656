/**
 * Wraps the model resolver so every turn reports to the metrics port: calls, tokens and
 * errors by model ("provider/model" as the response names it; the resolved id on failure).
 */
import { isKotaeError } from '../../core/errors.ts';
import type { ChatModel } from '../../core/ports/chat-model.ts';
import type { Metrics } from '../../core/ports/metrics.ts';
import type { ModelResolver } from './model-resolver.ts';

export function meteredModel(model: ChatModel, metrics: Metrics): ChatModel {
  return {
    id: model.id,
    async generate(request) {
      const started = performance.now();
      try {
        const response = await model.generate(request);
        metrics.llmCall({
          model: response.model || model.id,
          outcome: 'ok',
          seconds: (performance.now() - started) / 1000,
          inputTokens: response.usage.inputTokens,
          outputTokens: response.usage.outputTokens,
        });
        return response;
      } catch (error) {
        metrics.llmCall({
          model: model.id,
          outcome: 'error',
          seconds: (performance.now() - started) / 1000,
          inputTokens: 0,
          outputTokens: 0,
          errorCode: isKotaeError(error) ? error.code : 'unknown',
        });
        throw error;
      }
    },
  };
}

export function meteredModels(resolve: ModelResolver, metrics: Metrics): ModelResolver {
  return (workspaceModel) => {
    const model = resolve(workspaceModel);
    return model && meteredModel(model, metrics);
  };
}
