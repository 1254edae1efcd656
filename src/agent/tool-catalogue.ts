/**
 * The tools one task offers the model: the warehouse's (over MCP) plus the local ones. A
 * call never throws and never outlives the task: thrown errors, unknown tools and aborts
 * all come back as error results the model (or the loop) can read.
 */
import type { ToolSpec } from '../core/ports/chat-model.ts';
import type { ToolProvider, ToolResult } from '../core/ports/tool-provider.ts';
import { errorMessage } from '../core/errors.ts';
import { untilAborted } from './abortable.ts';
import type { LocalTool } from './tools/local-tool.ts';

export interface ToolCatalogue {
  specs: ToolSpec[];
  has(name: string): boolean;
  call(name: string, args: Record<string, unknown>, signal: AbortSignal): Promise<ToolResult>;
}

export async function createToolCatalogue(
  remote: ToolProvider,
  local: LocalTool[],
  signal: AbortSignal,
): Promise<ToolCatalogue> {
  const localByName = new Map(local.map((tool) => [tool.spec.name, tool]));
  // A local tool wins a name clash: its result feeds the reply (charts, analyses).
  const remoteSpecs = (await untilAborted(remote.listTools(), signal)).filter(
    (spec) => !localByName.has(spec.name),
  );
  const specs = [...remoteSpecs, ...local.map((tool) => tool.spec)];
  const names = new Set(specs.map((spec) => spec.name));

  return {
    specs,
    has: (name) => names.has(name),
    async call(name, args, signal) {
      if (!names.has(name)) {
        return {
          content: `Unknown tool "${name}". Available tools: ${[...names].join(', ')}.`,
          isError: true,
        };
      }
      if (signal.aborted) return { content: 'Cancelled: the task ran out of time.', isError: true };
      const localTool = localByName.get(name);
      try {
        const pending = localTool ? localTool.call(args, signal) : remote.callTool(name, args, signal);
        return await untilAborted(pending, signal);
      } catch (error) {
        return { content: `Tool "${name}" failed: ${errorMessage(error)}`, isError: true };
      }
    },
  };
}
