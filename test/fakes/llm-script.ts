/**
 * A model's turns, scripted once and played by either fake vendor server (OpenAI or
 * Gemini), each in its own wire format. The same scenario therefore exercises both real SDKs.
 */
export interface ScriptedToolCall {
  name: string;
  args: Record<string, unknown>;
}

export type ScriptedReply =
  | {
      text?: string;
      toolCalls?: ScriptedToolCall[];
      usage?: { input: number; output: number };
      finish?: 'stop' | 'length' | 'content_filter';
    }
  /** An HTTP error in the vendor's own error format. */
  | { error: { status: number; message?: string; retryAfterSeconds?: number } }
  /** Never answers: the request stays open until the client gives up. */
  | { hang: true };

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * A reply, or a function of the request that decides the reply (e.g. to echo what it got).
 * The function may return a promise: the response waits for it, which lets a test hold the
 * model mid-task (as a slow model would) and look at the thread meanwhile.
 */
export type ScriptStep =
  ScriptedReply | ((request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>);
