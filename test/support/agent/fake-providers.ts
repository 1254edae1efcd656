/**
 * Both fake LLM vendors behind one face, so each agent scenario runs against the real
 * `openai` SDK and the real `@google/genai` SDK alike. Scripts are vendor-neutral; reading
 * back what a vendor received is done in that vendor's wire format.
 */
import type { ModelsConfig } from '../../../src/agent/models/model-resolver.ts';
import { startFakeGemini, type GeminiWireRequest } from '../../fakes/gemini/server.ts';
import type { RecordedRequest, ScriptStep } from '../../fakes/llm-script.ts';
import { startFakeOpenAI, type OpenAIWireMessage } from '../../fakes/openai/server.ts';

export type ProviderName = 'openai' | 'gemini';

export const MODEL_IDS: Record<ProviderName, string> = {
  openai: 'openai/gpt-4.1-mini',
  gemini: 'gemini/gemini-2.5-flash',
};

/** One message of a request, vendor-neutral: who said it and its text (tool output as JSON). */
export interface SeenMessage {
  role: 'user' | 'assistant' | 'tool';
  text: string;
  toolCalls?: string[];
  isError?: boolean;
}

export interface FakeProvider {
  name: ProviderName;
  script(...steps: ScriptStep[]): void;
  remaining(): number;
  /** Model requests received so far (successful or not). */
  requestCount(): number;
  system(index: number): string;
  messages(index: number): SeenMessage[];
  tools(index: number): string[];
  /** The same, read from a raw request inside a script step. */
  messagesOf(request: RecordedRequest): SeenMessage[];
  close(): Promise<void>;
}

export async function startFakeProvider(
  name: ProviderName,
): Promise<FakeProvider & { config: Partial<ModelsConfig> }> {
  if (name === 'openai') {
    const fake = await startFakeOpenAI({ apiKey: 'sk-test-openai' });
    const bodies = () => fake.completions();
    return {
      name,
      config: { openai: { apiKey: 'sk-test-openai', baseURL: fake.baseURL, defaultModel: 'gpt-4.1-mini' } },
      script: fake.script,
      remaining: fake.remaining,
      requestCount: () => bodies().length,
      system: (index) => String(bodies()[index]!.messages[0]!.content),
      messages: (index) => openAIMessages(bodies()[index]!.messages),
      tools: (index) =>
        ((bodies()[index]!.tools ?? []) as Array<{ function: { name: string } }>).map(
          (tool) => tool.function.name,
        ),
      messagesOf: (request) => openAIMessages((request.body as { messages: OpenAIWireMessage[] }).messages),
      close: fake.close,
    };
  }
  const fake = await startFakeGemini({ apiKey: 'gm-test-gemini' });
  const bodies = () => fake.generateRequests();
  return {
    name,
    config: { gemini: { apiKey: 'gm-test-gemini', baseUrl: fake.baseUrl, defaultModel: 'gemini-2.5-flash' } },
    script: fake.script,
    remaining: fake.remaining,
    requestCount: () => bodies().length,
    system: (index) =>
      (bodies()[index]!.systemInstruction?.parts ?? []).map((part) => part.text ?? '').join(''),
    messages: (index) => geminiMessages(bodies()[index]!),
    tools: (index) =>
      (bodies()[index]!.tools ?? []).flatMap((tool) => (tool.functionDeclarations ?? []).map((d) => d.name)),
    messagesOf: (request) => geminiMessages(request.body as GeminiWireRequest),
    close: fake.close,
  };
}

function openAIMessages(messages: OpenAIWireMessage[]): SeenMessage[] {
  return messages
    .filter((message) => message.role !== 'system')
    .map((message) => {
      if (message.role === 'tool') {
        const text = String(message.content ?? '');
        return { role: 'tool', text: text.replace(/^ERROR: /, ''), isError: text.startsWith('ERROR: ') };
      }
      if (message.role === 'assistant') {
        return {
          role: 'assistant',
          text: String(message.content ?? ''),
          toolCalls: (message.tool_calls ?? []).map((call) => call.function.name),
        };
      }
      return { role: 'user', text: String(message.content ?? '') };
    });
}

function geminiMessages(body: GeminiWireRequest): SeenMessage[] {
  return body.contents.flatMap((content): SeenMessage[] => {
    const responses = content.parts.filter((part) => part.functionResponse);
    if (responses.length > 0) {
      return responses.map((part) => {
        const response = part.functionResponse!.response;
        const isError = 'error' in response;
        const value = isError ? response['error'] : response['output'];
        return { role: 'tool', text: typeof value === 'string' ? value : JSON.stringify(value), isError };
      });
    }
    const text = content.parts.map((part) => (part.thought ? '' : (part.text ?? ''))).join('');
    if (content.role === 'model') {
      return [
        {
          role: 'assistant',
          text,
          toolCalls: content.parts.flatMap((part) => (part.functionCall ? [part.functionCall.name] : [])),
        },
      ];
    }
    return [{ role: 'user', text }];
  });
}
