/**
 * Which model answers a workspace's questions. The configuration holds the providers and
 * the default chain (e.g. ["gemini/gemini-2.5-flash", "openai/gpt-4.1-mini"]); a workspace
 * may name its own model, which then goes first and the chain stays behind it as fallback.
 * Returns null when no provider is configured, so the worker can say exactly what to set.
 */
import type { Clock } from '../../core/clock.ts';
import { isKotaeError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { ChatModel } from '../../core/ports/chat-model.ts';
import { createFallbackModel } from './fallback-model.ts';
import { createGeminiModel } from './gemini.ts';
import { createOpenAIModel } from './openai.ts';
import type { RetryOptions } from './retry.ts';

export interface ModelsConfig {
  openai?: {
    apiKey?: string;
    /** An OpenAI-compatible server (Ollama, vLLM, LiteLLM), when not OpenAI itself. */
    baseURL?: string;
    defaultModel: string;
    /** More keys for the same provider, tried in turn when one is rate-limited. */
    extraApiKeys?: string[];
  };
  gemini?: { apiKey: string; defaultModel: string; baseUrl?: string; extraApiKeys?: string[] };
  /** "provider/model" or just "provider" (its default model), in the order to try them. */
  chain: string[];
}

export interface ModelResolverOptions {
  /** Per attempt, for every provider. */
  timeoutMs?: number;
  retry?: RetryOptions;
  /** The fetch the OpenAI client uses (the Gemini SDK takes none we need). */
  fetch?: typeof fetch;
  clock?: Clock;
  /** Retries and fallbacks are logged here (ids and error codes only, never keys). */
  logger?: Logger;
  onFallback?: (info: { from: string; to: string; error: unknown }) => void;
}

export type ModelResolver = (workspaceModel: string | null) => ChatModel | null;

type Provider = 'openai' | 'gemini';

export function createModelResolver(config: ModelsConfig, options: ModelResolverOptions = {}): ModelResolver {
  const instances = new Map<string, ChatModel[]>();
  const chains = new Map<string, ChatModel | null>();
  const { logger } = options;
  const codeOf = (error: unknown) => (isKotaeError(error) ? error.code : 'unknown');
  const retry: RetryOptions = {
    ...options.retry,
    onRetry:
      options.retry?.onRetry ??
      ((info) =>
        logger?.info('llm retry', {
          attempt: info.attempt,
          delayMs: info.delayMs,
          code: codeOf(info.error),
        })),
  };
  const onFallback =
    options.onFallback ??
    ((info: { from: string; to: string; error: unknown }) =>
      logger?.warn('llm fallback', { from: info.from, to: info.to, code: codeOf(info.error) }));

  /** One model per key of the provider, created once and shared by every task. */
  function modelsFor(provider: Provider, model: string): ChatModel[] {
    const key = `${provider}/${model}`;
    let models = instances.get(key);
    if (models) return models;
    const common = {
      model,
      ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }),
      retry,
    };
    if (provider === 'openai' && config.openai) {
      const { apiKey, baseURL, extraApiKeys = [] } = config.openai;
      const keys = apiKey ? [apiKey, ...extraApiKeys] : [undefined];
      models = keys.map((key) =>
        createOpenAIModel({
          ...common,
          ...(key ? { apiKey: key } : {}),
          ...(baseURL ? { baseURL } : {}),
          ...(options.fetch ? { fetch: options.fetch } : {}),
        }),
      );
    } else if (provider === 'gemini' && config.gemini) {
      const { apiKey, baseUrl, extraApiKeys = [] } = config.gemini;
      models = [apiKey, ...extraApiKeys].map((key) =>
        createGeminiModel({ ...common, apiKey: key, ...(baseUrl ? { baseUrl } : {}) }),
      );
    } else {
      models = [];
    }
    instances.set(key, models);
    return models;
  }

  function defaultChain(): string[] {
    if (config.chain.length > 0) return config.chain;
    return [...(config.gemini ? ['gemini'] : []), ...(config.openai ? ['openai'] : [])];
  }

  return (workspaceModel) => {
    const cacheKey = workspaceModel ?? '';
    if (chains.has(cacheKey)) return chains.get(cacheKey)!;
    const entries = [...(workspaceModel ? [workspaceModel] : []), ...defaultChain()];
    const seen = new Set<string>();
    const models: ChatModel[] = [];
    for (const entry of entries) {
      const parsed = parseEntry(entry, config);
      if (!parsed) continue;
      const key = `${parsed.provider}/${parsed.model}`;
      if (seen.has(key)) continue;
      seen.add(key);
      models.push(...modelsFor(parsed.provider, parsed.model));
    }
    const chain =
      models.length === 0
        ? null
        : createFallbackModel(models, { ...(options.clock ? { clock: options.clock } : {}), onFallback });
    chains.set(cacheKey, chain);
    return chain;
  };
}

/**
 * "gemini/gemini-2.5-flash" → gemini; "openai" → OpenAI's default model; a bare model name
 * goes to the provider it obviously belongs to. Entries for unconfigured providers are skipped.
 */
export function parseEntry(
  entry: string,
  config: ModelsConfig,
): { provider: Provider; model: string } | null {
  const trimmed = entry.trim();
  if (trimmed === '') return null;
  const slash = trimmed.indexOf('/');
  const head = slash === -1 ? trimmed : trimmed.slice(0, slash);
  const rest = slash === -1 ? '' : trimmed.slice(slash + 1).trim();
  let provider: Provider;
  let model: string;
  if (head === 'openai' || head === 'gemini') {
    provider = head;
    model = rest || (config[head]?.defaultModel ?? '');
  } else {
    provider = trimmed.startsWith('gemini') ? 'gemini' : 'openai';
    model = trimmed;
  }
  if (!config[provider] || model === '') return null;
  return { provider, model };
}
