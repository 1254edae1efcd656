/**
 * ModelRequest → Gemini generateContent request, and the response back. The mirror of
 * openai-messages.ts. Wire facts (Gemini API, generateContent):
 * - the system prompt is `systemInstruction`, outside `contents`; roles are "user" and "model";
 * - a call is a `functionCall { name, args, id? }` part: Gemini may omit `id`, so we make one
 *   and answer such calls by name only;
 * - results go back as `functionResponse { name, id?, response }` parts, all the results of
 *   one model turn in one "user" content, `response` holding `output` or `error`;
 * - thinking models attach `thoughtSignature` to parts; the model's parts must come back
 *   exactly as received (Gemini 3 answers 400 otherwise), so they ride in `providerData`.
 *   Turns another provider produced carry the documented placeholder signature instead.
 */
import type { Content, GenerateContentResponse, Part, Tool } from '@google/genai';
import type {
  FinishReason,
  ModelRequest,
  ModelResponse,
  ToolCall,
  ToolSpec,
} from '../../core/ports/chat-model.ts';
import { withoutMetaKeys } from './tool-schema.ts';

export interface GeminiProviderData {
  provider: 'gemini';
  /** The model's parts exactly as received, thought signatures included. */
  parts: Part[];
}

/** Prefix of the call ids we make up when Gemini sends none. Never sent back to Gemini. */
export const MADE_ID_PREFIX = 'kotae-call-';

/** Google's documented signature for function calls the model did not produce itself. */
const FOREIGN_SIGNATURE = 'skip_thought_signature_validator';

export function toGeminiContents(request: ModelRequest): Content[] {
  const contents: Content[] = [];
  let pendingResponses: Part[] = [];
  const flush = (): void => {
    if (pendingResponses.length > 0) contents.push({ role: 'user', parts: pendingResponses });
    pendingResponses = [];
  };
  for (const message of request.messages) {
    if (message.role === 'tool') {
      pendingResponses.push({
        functionResponse: {
          name: message.toolName,
          ...(message.toolCallId.startsWith(MADE_ID_PREFIX) ? {} : { id: message.toolCallId }),
          response: message.isError ? { error: message.content } : { output: parseOutput(message.content) },
        },
      });
      continue;
    }
    flush();
    if (message.role === 'user') {
      contents.push({ role: 'user', parts: [{ text: message.content }] });
    } else if (isGeminiProviderData(message.providerData) && message.providerData.parts.length > 0) {
      contents.push({ role: 'model', parts: message.providerData.parts });
    } else {
      const parts: Part[] = message.content === '' ? [] : [{ text: message.content }];
      message.toolCalls.forEach((call, index) => {
        parts.push({
          functionCall: {
            name: call.name,
            args: call.arguments,
            ...(call.id.startsWith(MADE_ID_PREFIX) ? {} : { id: call.id }),
          },
          ...(index === 0 ? { thoughtSignature: FOREIGN_SIGNATURE } : {}),
        });
      });
      if (parts.length > 0) contents.push({ role: 'model', parts });
    }
  }
  flush();
  return contents;
}

export function toGeminiTools(tools: ToolSpec[]): Tool[] | undefined {
  if (tools.length === 0) return undefined;
  return [
    {
      functionDeclarations: tools.map((tool) => ({
        name: tool.name,
        description: tool.description,
        // JSON Schema as-is (MCP tools speak it); `parameters` would want Google's OpenAPI subset.
        parametersJsonSchema: withoutMetaKeys(tool.inputSchema),
      })),
    },
  ];
}

export function fromGeminiResponse(
  response: GenerateContentResponse,
  modelId: string,
  makeId: () => string,
): ModelResponse {
  const candidate = response.candidates?.[0];
  const parts = candidate?.content?.parts ?? [];
  const toolCalls: ToolCall[] = [];
  let text = '';
  for (const part of parts) {
    if (part.functionCall?.name) {
      toolCalls.push({
        id: part.functionCall.id ?? makeId(),
        name: part.functionCall.name,
        arguments: part.functionCall.args ?? {},
      });
    } else if (typeof part.text === 'string' && part.thought !== true) {
      text += part.text;
    }
  }
  const usage = response.usageMetadata;
  const providerData: GeminiProviderData = { provider: 'gemini', parts };
  return {
    text,
    toolCalls,
    usage: {
      inputTokens: (usage?.promptTokenCount ?? 0) + (usage?.toolUsePromptTokenCount ?? 0),
      // Thinking tokens are billed as output.
      outputTokens: (usage?.candidatesTokenCount ?? 0) + (usage?.thoughtsTokenCount ?? 0),
    },
    finishReason:
      toolCalls.length > 0
        ? 'tool_calls'
        : candidate
          ? finishReason(candidate.finishReason)
          : response.promptFeedback?.blockReason
            ? 'content_filter'
            : 'other',
    model: modelId,
    providerData,
  };
}

function finishReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case 'STOP':
      return 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
      return 'content_filter';
    default:
      return 'other';
  }
}

export function isGeminiProviderData(value: unknown): value is GeminiProviderData {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { provider?: unknown }).provider === 'gemini' &&
    Array.isArray((value as { parts?: unknown }).parts)
  );
}

/** Tool output is usually JSON text; Gemini takes it as a structured value. */
function parseOutput(content: string): unknown {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
}
