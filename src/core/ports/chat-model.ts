/**
 * The LLM port. OpenAI, Gemini and any OpenAI-compatible server implement it in mirrored
 * files under src/agent/models/. One call, one turn: the agent loop owns the loop.
 */

/** A JSON Schema object describing a tool's arguments. */
export type JsonSchema = Record<string, unknown>;

export interface ToolSpec {
  name: string;
  description: string;
  inputSchema: JsonSchema;
}

export interface ToolCall {
  /** Provider-issued id, or one we make where the provider has none (Gemini). */
  id: string;
  name: string;
  arguments: Record<string, unknown>;
}

export type ModelMessage =
  | { role: 'user'; content: string }
  | {
      role: 'assistant';
      content: string;
      toolCalls: ToolCall[];
      /** Opaque provider data that must be sent back verbatim (e.g. Gemini thought signatures). */
      providerData?: unknown;
    }
  | { role: 'tool'; toolCallId: string; toolName: string; content: string; isError: boolean };

export interface ModelRequest {
  system: string;
  messages: ModelMessage[];
  tools: ToolSpec[];
  maxOutputTokens?: number;
  signal?: AbortSignal;
}

export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

export type FinishReason = 'stop' | 'tool_calls' | 'length' | 'content_filter' | 'other';

export interface ModelResponse {
  text: string;
  toolCalls: ToolCall[];
  usage: TokenUsage;
  finishReason: FinishReason;
  /** "provider/model" that produced this turn, e.g. "openai/gpt-4.1-mini". */
  model: string;
  providerData?: unknown;
}

export interface ChatModel {
  /** "provider/model", e.g. "gemini/gemini-2.5-flash". */
  readonly id: string;
  generate(request: ModelRequest): Promise<ModelResponse>;
}
