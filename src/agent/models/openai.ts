/**
 * The OpenAI adapter: Chat Completions with tools, through the official `openai` SDK. The
 * base URL is overridable, so any OpenAI-compatible server (Ollama, vLLM, LiteLLM) works.
 * The mirror of gemini.ts.
 */
import OpenAI, { APIConnectionTimeoutError, APIError, APIUserAbortError } from 'openai';
import type { ChatModel, ModelRequest, ModelResponse } from '../../core/ports/chat-model.ts';
import { KotaeError, errorMessage } from '../../core/errors.ts';
import { codeForStatus, isAbortError, llmError, retryAfterMsFromHeaders } from './model-errors.ts';
import { fromOpenAICompletion, toOpenAIMessages, toOpenAITools } from './openai-messages.ts';
import { withRetries, type RetryOptions } from './retry.ts';

export interface OpenAIModelOptions {
  /** Absent for servers that need none (Ollama). */
  apiKey?: string;
  /** Default https://api.openai.com/v1. */
  baseURL?: string;
  model: string;
  fetch?: typeof fetch;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
}

const OPENAI_BASE_URL = 'https://api.openai.com/v1';

export function createOpenAIModel(options: OpenAIModelOptions): ChatModel {
  const id = `openai/${options.model}`;
  const compatible = options.baseURL !== undefined && options.baseURL !== OPENAI_BASE_URL;
  const client = new OpenAI({
    // The SDK refuses to start without a key; OpenAI-compatible servers such as Ollama
    // ignore the header, so a placeholder is what their own docs suggest.
    apiKey: options.apiKey ?? 'no-key',
    // Every option the SDK would otherwise read from process.env is set here: config is ours.
    baseURL: options.baseURL ?? OPENAI_BASE_URL,
    organization: null,
    project: null,
    webhookSecret: null,
    // Our retry loop is the only one (the SDK would retry 429/5xx twice by default).
    maxRetries: 0,
    timeout: options.timeoutMs ?? 60_000,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  async function once(request: ModelRequest): Promise<ModelResponse> {
    const tools = toOpenAITools(request.tools);
    try {
      const completion = await client.chat.completions.create(
        {
          model: options.model,
          messages: toOpenAIMessages(request),
          ...(tools ? { tools } : {}),
          // OpenAI's own models want max_completion_tokens (max_tokens is deprecated and
          // refused by reasoning models); compatible servers mostly know only max_tokens.
          ...(request.maxOutputTokens === undefined
            ? {}
            : compatible
              ? { max_tokens: request.maxOutputTokens }
              : { max_completion_tokens: request.maxOutputTokens }),
        },
        request.signal ? { signal: request.signal } : undefined,
      );
      return fromOpenAICompletion(completion, id);
    } catch (error) {
      throw toKotaeError(error, id, request.signal);
    }
  }

  return {
    id,
    generate: (request) => withRetries(() => once(request), options.retry, request.signal),
  };
}

function toKotaeError(error: unknown, model: string, signal: AbortSignal | undefined): KotaeError {
  if (error instanceof KotaeError) return error;
  if (error instanceof APIUserAbortError || signal?.aborted || isAbortError(error)) {
    return llmError('llm_aborted', 'the request was aborted', { model, cause: error });
  }
  if (error instanceof APIConnectionTimeoutError) {
    return llmError('llm_timeout', 'the request timed out', { model, cause: error });
  }
  if (error instanceof APIError) {
    if (error.status === undefined) {
      return llmError('llm_unavailable', error.message, { model, cause: error });
    }
    const retryAfterMs = retryAfterMsFromHeaders(error.headers, new Date());
    return llmError(codeForStatus(error.status), error.message, {
      model,
      status: error.status,
      cause: error,
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    });
  }
  return llmError('llm_invalid_response', errorMessage(error), { model, cause: error });
}
