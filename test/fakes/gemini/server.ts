/**
 * A fake Gemini API on 127.0.0.1 for the real `@google/genai` SDK. It speaks the documented
 * wire format: POST /v1beta/models/{model}:generateContent with the key in `x-goog-api-key`;
 * answers `candidates[].content.parts` with `functionCall { name, args }` parts (no `id`, as
 * the Gemini API sends them) carrying a `thoughtSignature`, plus `usageMetadata`; errors are
 * google.rpc.Status bodies (`{ "error": { code, message, status, details } }`), a 429
 * carrying RetryInfo.retryDelay. Like Gemini 3 it refuses a function call sent back without
 * its thought signature, and function responses that do not match the calls.
 */
import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { sendJson, startFakeHttpServer } from '../http-server.ts';
import type { RecordedRequest, ScriptStep, ScriptedReply } from '../llm-script.ts';

export interface GeminiWirePart {
  text?: string;
  thought?: boolean;
  thoughtSignature?: string;
  functionCall?: { name: string; args?: Record<string, unknown>; id?: string };
  functionResponse?: { name: string; id?: string; response: Record<string, unknown> };
}

export interface GeminiWireContent {
  role?: string;
  parts: GeminiWirePart[];
}

export interface GeminiWireRequest {
  contents: GeminiWireContent[];
  systemInstruction?: GeminiWireContent;
  tools?: Array<{
    functionDeclarations?: Array<{ name: string; description?: string; parametersJsonSchema?: unknown }>;
  }>;
  generationConfig?: Record<string, unknown>;
}

export interface FakeGemini {
  /** Pass as httpOptions.baseUrl. */
  baseUrl: string;
  requests: RecordedRequest[];
  generateRequests(): GeminiWireRequest[];
  script(...steps: ScriptStep[]): void;
  remaining(): number;
  close(): Promise<void>;
}

const SKIP_SIGNATURE = 'skip_thought_signature_validator';

export async function startFakeGemini(options: { apiKey?: string } = {}): Promise<FakeGemini> {
  const steps: ScriptStep[] = [];
  const issuedSignatures = new Set<string>();
  let served = 0;
  const server = await startFakeHttpServer((request, response) => {
    const match = /^\/v1beta\/models\/([^/:]+):generateContent(?:\?|$)/.exec(request.path);
    if (request.method !== 'POST' || !match) {
      return status(response, 404, 'NOT_FOUND', `Method not found: ${request.method} ${request.path}`);
    }
    if (options.apiKey !== undefined && request.headers['x-goog-api-key'] !== options.apiKey) {
      return status(response, 400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.', [
        {
          '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
          reason: 'API_KEY_INVALID',
          domain: 'googleapis.com',
        },
      ]);
    }
    const invalid = validate(request.body as GeminiWireRequest, issuedSignatures);
    if (invalid) return status(response, 400, 'INVALID_ARGUMENT', invalid);
    const step = steps.shift();
    if (!step) return status(response, 500, 'INTERNAL', 'fake Gemini: no scripted turn left');
    const turn = ++served;
    void Promise.resolve(typeof step === 'function' ? step(request) : step).then(
      (decided) => reply(response, decided, decodeURIComponent(match[1]!), turn, issuedSignatures),
      (error: unknown) =>
        status(response, 500, 'INTERNAL', `fake Gemini: script step failed: ${String(error)}`),
    );
  });
  return {
    baseUrl: server.url,
    requests: server.requests,
    generateRequests: () =>
      server.requests
        .filter((request) => request.path.includes(':generateContent'))
        .map((request) => request.body as GeminiWireRequest),
    script: (...more) => void steps.push(...more),
    remaining: () => steps.length,
    close: server.close,
  };
}

function reply(
  response: ServerResponse,
  step: ScriptedReply,
  model: string,
  turn: number,
  signatures: Set<string>,
): void {
  if ('hang' in step) return;
  if ('error' in step) {
    const { status: code, message, retryAfterSeconds } = step.error;
    const details =
      retryAfterSeconds === undefined
        ? []
        : [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retryAfterSeconds}s` }];
    if (code === 429) {
      return status(
        response,
        429,
        'RESOURCE_EXHAUSTED',
        message ?? 'You exceeded your current quota, please check your plan and billing details.',
        details,
      );
    }
    if (code === 503)
      return status(
        response,
        503,
        'UNAVAILABLE',
        message ?? 'The model is overloaded. Please try again later.',
        details,
      );
    return status(
      response,
      code,
      code >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT',
      message ?? 'An internal error has occurred.',
      details,
    );
  }
  const parts: GeminiWirePart[] = [];
  if (step.text !== undefined) parts.push({ text: step.text });
  (step.toolCalls ?? []).forEach((call, index) => {
    const part: GeminiWirePart = { functionCall: { name: call.name, args: call.args } };
    // Gemini 3 signs the first function call of each step.
    if (index === 0) {
      const signature = Buffer.from(`fake-signature-${turn}-${randomUUID()}`).toString('base64');
      signatures.add(signature);
      part.thoughtSignature = signature;
    }
    parts.push(part);
  });
  const usage = step.usage ?? { input: 100, output: 20 };
  const finishReason = { stop: 'STOP', length: 'MAX_TOKENS', content_filter: 'SAFETY' }[
    step.finish ?? 'stop'
  ];
  sendJson(response, 200, {
    candidates: [{ content: { role: 'model', parts }, finishReason, index: 0 }],
    usageMetadata: {
      promptTokenCount: usage.input,
      candidatesTokenCount: usage.output,
      totalTokenCount: usage.input + usage.output,
    },
    modelVersion: model,
    responseId: randomUUID(),
  });
}

function validate(body: GeminiWireRequest, signatures: Set<string>): string | null {
  if (!Array.isArray(body?.contents) || body.contents.length === 0)
    return '* GenerateContentRequest.contents: contents is not specified';
  for (const [index, content] of body.contents.entries()) {
    if (content.role !== 'user' && content.role !== 'model')
      return `* GenerateContentRequest.contents[${index}].role: must be user or model`;
    if (!Array.isArray(content.parts) || content.parts.length === 0) {
      return `* GenerateContentRequest.contents[${index}].parts: contents.parts must not be empty.`;
    }
    const calls = content.parts.filter((part) => part.functionCall);
    if (content.role === 'model' && calls.length > 0) {
      const signature = calls[0]!.thoughtSignature;
      if (signature === undefined || (signature !== SKIP_SIGNATURE && !signatures.has(signature))) {
        return `Function call is missing a thought_signature in functionCall parts. This is required for tools to work correctly. Additional data, function call \`default_api:${calls[0]!.functionCall!.name}\` , position ${index + 1}.`;
      }
      const next = body.contents[index + 1];
      const responses = next?.parts.filter((part) => part.functionResponse) ?? [];
      if (
        next &&
        (responses.length !== calls.length ||
          responses.some((part, i) => part.functionResponse!.name !== calls[i]!.functionCall!.name))
      ) {
        return 'Please ensure that the number of function response parts is equal to the number of function call parts of the function call turn.';
      }
    }
  }
  return null;
}

function status(
  response: ServerResponse,
  code: number,
  statusText: string,
  message: string,
  details: unknown[] = [],
): void {
  sendJson(response, code, {
    error: { code, message, status: statusText, ...(details.length > 0 ? { details } : {}) },
  });
}
