/**
 * A chain of models tried in order, e.g. Gemini then OpenAI, or one provider with several
 * keys. A model that is rate-limited, down or refuses our credentials hands the turn to the
 * next one; a bad request does not (the next provider would most likely refuse it too, and
 * the user deserves the real reason). A model that just failed is put to the back of the
 * chain for a cool-down, so the next turns of the same task (and other tasks) do not pay
 * its retries again. `ModelResponse.model` says which model answered.
 */
import type { Clock } from '../../core/clock.ts';
import { systemClock } from '../../core/clock.ts';
import { isKotaeError, KotaeError } from '../../core/errors.ts';
import type { ChatModel, ModelRequest, ModelResponse } from '../../core/ports/chat-model.ts';

export interface FallbackOptions {
  clock?: Clock;
  /** How long a failed model waits at the back of the chain. Default 60 s. */
  coolDownMs?: number;
  onFallback?: (info: { from: string; to: string; error: unknown }) => void;
}

export function createFallbackModel(models: ChatModel[], options: FallbackOptions = {}): ChatModel {
  if (models.length === 0)
    throw new KotaeError('models_empty', 'createFallbackModel needs at least one model');
  if (models.length === 1) return models[0]!;
  const clock = options.clock ?? systemClock;
  const coolDownMs = options.coolDownMs ?? 60_000;
  // Keyed by the model object: one provider with two keys gives two models with the same id.
  const coolingUntil = new Map<ChatModel, number>();

  /** The chain, models cooling down moved to the back (in their original order). */
  function order(): ChatModel[] {
    const now = clock.now().getTime();
    const ready = models.filter((model) => (coolingUntil.get(model) ?? 0) <= now);
    const cooling = models.filter((model) => (coolingUntil.get(model) ?? 0) > now);
    return [...ready, ...cooling];
  }

  return {
    id: models.map((model) => model.id).join(' → '),
    async generate(request: ModelRequest): Promise<ModelResponse> {
      const chain = order();
      let lastError: unknown;
      for (const [index, model] of chain.entries()) {
        try {
          const response = await model.generate(request);
          coolingUntil.delete(model);
          return response;
        } catch (error) {
          lastError = error;
          if (request.signal?.aborted || !shouldFallBack(error)) throw error;
          coolingUntil.set(model, clock.now().getTime() + coolDownMs);
          const next = chain[index + 1];
          if (next) options.onFallback?.({ from: model.id, to: next.id, error });
        }
      }
      throw lastError;
    },
  };
}

function shouldFallBack(error: unknown): boolean {
  return isKotaeError(error) && (error.retryable || error.code === 'llm_auth');
}
