/**
 * The Gemini adapter: generateContent with function calling, through `@google/genai` (the
 * deprecated `@google/generative-ai` reached end of life on 2025-08-31). The mirror of
 * openai.ts.
 */
import { randomUUID } from 'node:crypto';
import { ApiError, GoogleGenAI } from '@google/genai';
import type { ChatModel, ModelRequest, ModelResponse } from '../../core/ports/chat-model.ts';
import { KotaeError, errorMessage } from '../../core/errors.ts';
import { MADE_ID_PREFIX, fromGeminiResponse, toGeminiContents, toGeminiTools } from './gemini-contents.ts';
import { codeForStatus, isAbortError, llmError } from './model-errors.ts';
import { withRetries, type RetryOptions } from './retry.ts';

export interface GeminiModelOptions {
  apiKey: string;
  model: string;
  /** Overrides https://generativelanguage.googleapis.com (tests point it at a local server). */
  baseUrl?: string;
  /** Per attempt. Default 60 s. */
  timeoutMs?: number;
  retry?: RetryOptions;
}

export function createGeminiModel(options: GeminiModelOptions): ChatModel {
  const id = `gemini/${options.model}`;
  const client = new GoogleGenAI({
    apiKey: options.apiKey,
    // Gemini API, never Vertex: set, so GOOGLE_GENAI_USE_VERTEXAI in the environment cannot flip it.
    vertexai: false,
    httpOptions: {
      ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
      // SDK 3.x defaults the Gemini API to v1; function calling with `parametersJsonSchema`
      // and thought signatures is documented on v1beta, and v1 has refused SDK payloads
      // with newer fields (googleapis/js-genai#1746). Pinned so an SDK bump cannot move it.
      apiVersion: 'v1beta',
      timeout: options.timeoutMs ?? 60_000,
      // One attempt: our retry loop is the only one (the SDK retries 408/429/5xx otherwise).
      retryOptions: { attempts: 1 },
    },
  });

  async function once(request: ModelRequest): Promise<ModelResponse> {
    const tools = toGeminiTools(request.tools);
    try {
      const response = await client.models.generateContent({
        model: options.model,
        contents: toGeminiContents(request),
        config: {
          systemInstruction: request.system,
          ...(tools ? { tools } : {}),
          ...(request.maxOutputTokens === undefined ? {} : { maxOutputTokens: request.maxOutputTokens }),
          // The agent loop runs the tools; the SDK must never call anything itself.
          automaticFunctionCalling: { disable: true },
          ...(request.signal ? { abortSignal: request.signal } : {}),
        },
      });
      return fromGeminiResponse(response, id, () => `${MADE_ID_PREFIX}${randomUUID()}`);
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
  if (signal?.aborted) return llmError('llm_aborted', 'the request was aborted', { model, cause: error });
  // The SDK aborts its own per-attempt controller when `httpOptions.timeout` passes.
  if (isAbortError(error)) return llmError('llm_timeout', 'the request timed out', { model, cause: error });
  if (error instanceof ApiError) {
    const body = parseErrorBody(error.message);
    // A wrong key is a 400 INVALID_ARGUMENT on the Gemini API, told apart by ErrorInfo.reason.
    const code = body.reason === 'API_KEY_INVALID' ? 'llm_auth' : codeForStatus(error.status);
    return llmError(code, body.message ?? error.message, {
      model,
      status: error.status,
      cause: error,
      ...(body.retryAfterMs === undefined ? {} : { retryAfterMs: body.retryAfterMs }),
    });
  }
  if (error instanceof TypeError) {
    // fetch() failing to connect ("fetch failed") surfaces as a TypeError.
    return llmError('llm_unavailable', errorMessage(error), { model, cause: error });
  }
  return llmError('llm_invalid_response', errorMessage(error), { model, cause: error });
}

/**
 * The SDK puts the JSON error body in `message`: `{"error":{"code","message","status",
 * "details":[…]}}` (google.rpc.Status). Two details matter:
 * - RetryInfo.retryDelay, a protobuf Duration ("22s"): how Gemini says when to retry;
 * - ErrorInfo.reason, e.g. "API_KEY_INVALID".
 */
function parseErrorBody(text: string): { message?: string; retryAfterMs?: number; reason?: string } {
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown; details?: unknown } };
    const message = typeof body.error?.message === 'string' ? body.error.message : undefined;
    const details = Array.isArray(body.error?.details)
      ? (body.error.details as Array<Record<string, unknown>>)
      : [];
    const detail = (type: string) =>
      details.find((item) => String(item['@type']).endsWith(`google.rpc.${type}`));
    const retryDelay = detail('RetryInfo')?.['retryDelay'];
    const delay = typeof retryDelay === 'string' ? /^(\d+(?:\.\d+)?)s$/.exec(retryDelay) : null;
    const reason = detail('ErrorInfo')?.['reason'];
    return {
      ...(message === undefined ? {} : { message }),
      ...(delay ? { retryAfterMs: Math.round(Number(delay[1]) * 1000) } : {}),
      ...(typeof reason === 'string' ? { reason } : {}),
    };
  } catch {
    return {};
  }
}
