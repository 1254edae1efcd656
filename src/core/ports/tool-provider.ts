/**
 * The tool port: a catalogue of tools the agent can call. The warehouse MCP client and
 * the local tools (sandbox, charts) each implement it. A tool failure is a result with
 * `isError: true` that the model reads and corrects from; it is never thrown.
 */
import type { ToolSpec } from './chat-model.ts';

export interface ToolResult {
  /** What the model reads: JSON or plain text. */
  content: string;
  isError: boolean;
  /** The structured result, for the agent (tables, charts, provenance). */
  data?: unknown;
}

export interface ToolProvider {
  listTools(): Promise<ToolSpec[]>;
  callTool(name: string, args: Record<string, unknown>, signal?: AbortSignal): Promise<ToolResult>;
}
