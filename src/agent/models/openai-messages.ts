/**
 * ModelRequest → Chat Completions request, and the response back. The mirror of
 * gemini-contents.ts. Wire facts (Chat Completions API):
 * - the system prompt is the first message, role "system";
 * - an assistant turn's tool calls are `tool_calls[{ id, type: "function", function: { name,
 *   arguments } }]`, where `arguments` is a JSON *string*;
 * - each result is its own `{ role: "tool", tool_call_id, content }` message, and every call
 *   of a turn must have one before the next request, or the API answers 400;
 * - `tools: []` is rejected, so an empty catalogue omits the field.
 */
import type {
  ChatCompletion,
  ChatCompletionMessageParam,
  ChatCompletionTool,
} from 'openai/resources/chat/completions';
import type {
  FinishReason,
  ModelRequest,
  ModelResponse,
  ToolCall,
  ToolSpec,
} from '../../core/ports/chat-model.ts';
import { llmError } from './model-errors.ts';
import { withoutMetaKeys } from './tool-schema.ts';

export function toOpenAIMessages(request: ModelRequest): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [{ role: 'system', content: request.system }];
  for (const message of request.messages) {
    if (message.role === 'user') {
      messages.push({ role: 'user', content: message.content });
    } else if (message.role === 'assistant') {
      messages.push({
        role: 'assistant',
        content: message.content === '' && message.toolCalls.length > 0 ? null : message.content,
        ...(message.toolCalls.length > 0
          ? {
              tool_calls: message.toolCalls.map((call) => ({
                id: call.id,
                type: 'function' as const,
                function: { name: call.name, arguments: JSON.stringify(call.arguments) },
              })),
            }
          : {}),
      });
    } else {
      // Chat Completions has no error flag on tool results: say so in the text the model reads.
      const content = message.isError ? `ERROR: ${message.content}` : message.content;
      messages.push({ role: 'tool', tool_call_id: message.toolCallId, content });
    }
  }
  return messages;
}

export function toOpenAITools(tools: ToolSpec[]): ChatCompletionTool[] | undefined {
  if (tools.length === 0) return undefined;
  return tools.map((tool) => ({
    type: 'function',
    function: {
      name: tool.name,
      description: tool.description,
      parameters: withoutMetaKeys(tool.inputSchema),
    },
  }));
}

export function fromOpenAICompletion(completion: ChatCompletion, modelId: string): ModelResponse {
  const choice = completion.choices[0];
  if (!choice) throw llmError('llm_invalid_response', 'the completion has no choices', { model: modelId });
  const toolCalls: ToolCall[] = [];
  for (const call of choice.message.tool_calls ?? []) {
    if (call.type !== 'function') continue;
    toolCalls.push({
      id: call.id,
      name: call.function.name,
      arguments: parseArguments(call.function.arguments),
    });
  }
  return {
    text: choice.message.content ?? choice.message.refusal ?? '',
    toolCalls,
    usage: {
      inputTokens: completion.usage?.prompt_tokens ?? 0,
      outputTokens: completion.usage?.completion_tokens ?? 0,
    },
    finishReason: toolCalls.length > 0 ? 'tool_calls' : finishReason(choice.finish_reason),
    model: modelId,
  };
}

function finishReason(reason: string | null | undefined): FinishReason {
  switch (reason) {
    case 'stop':
      return 'stop';
    case 'length':
      return 'length';
    case 'tool_calls':
    case 'function_call':
      return 'tool_calls';
    case 'content_filter':
      return 'content_filter';
    default:
      return 'other';
  }
}

/**
 * The model writes arguments as a JSON string and sometimes gets it wrong. A broken string
 * becomes `{ _raw }` so the tool answers with a readable error instead of the turn failing.
 */
function parseArguments(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { _raw: text };
  } catch {
    return { _raw: text };
  }
}
