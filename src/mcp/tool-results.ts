/**
 * MCP tool results in one shape: `structuredContent` for programs (the agent keeps tables
 * and provenance from it) plus the same data as compact JSON text for the model. A refusal
 * or failure is `isError: true` with text that says why and what to do instead.
 */
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

export function okResult(data: Record<string, unknown>): CallToolResult {
  return { content: [{ type: 'text', text: JSON.stringify(data) }], structuredContent: data };
}

export function errorResult(text: string): CallToolResult {
  return { content: [{ type: 'text', text }], isError: true };
}

/** Shortens text for listings; the full text stays available through describe_table. */
export function clip(text: string | undefined, max: number): string | undefined {
  if (text === undefined) return undefined;
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
