/**
 * A tool that runs inside the agent rather than on the warehouse's MCP server (analysis in
 * the sandbox, charts). Like every tool, failures are results the model reads, never throws.
 */
import { z } from 'zod';
import type { ToolSpec } from '../../core/ports/chat-model.ts';
import type { ToolResult } from '../../core/ports/tool-provider.ts';
import { withoutMetaKeys } from '../models/tool-schema.ts';

export interface LocalTool {
  spec: ToolSpec;
  call(args: Record<string, unknown>, signal: AbortSignal): Promise<ToolResult>;
}

export function jsonSchemaOf(schema: z.ZodType): Record<string, unknown> {
  return withoutMetaKeys(z.toJSONSchema(schema) as Record<string, unknown>);
}

export function errorResult(message: string): ToolResult {
  return { content: message, isError: true };
}

/** zod's issues as one line the model can act on: "y.0: expected string; data_from: Required". */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
