/**
 * The agent's way in: a real MCP client connected to the warehouse server over the SDK's
 * in-memory transport pair (no I/O; about 75 µs a call), exposed as the ToolProvider port.
 * The agent talks MCP to its own server exactly as Claude Desktop would to `kotae mcp`.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { ToolSpec } from '../core/ports/chat-model.ts';
import type { ToolProvider, ToolResult } from '../core/ports/tool-provider.ts';
import type { WarehouseConnection } from '../core/ports/warehouse-connection.ts';

export type { WarehouseConnection } from '../core/ports/warehouse-connection.ts';
import { errorMessage } from '../core/errors.ts';
import { WAREHOUSE_CAPABILITY } from './warehouse-server.ts';

/**
 * The SDK gives up on a request after 60 s by default, which a BigQuery query within its
 * policy's time limit can exceed. Time limits belong to the server's policy; this only
 * guards against a server that never answers.
 */
const REQUEST_TIMEOUT_MS = 15 * 60_000;

/** Text parts joined; other content kinds (images, resources) are named, not inlined. */
export function toolResultFromMcp(result: CallToolResult): ToolResult {
  const content = result.content
    .map((part) => (part.type === 'text' ? part.text : `[${part.type}]`))
    .join('\n');
  return {
    content,
    isError: result.isError === true,
    ...(result.structuredContent !== undefined ? { data: result.structuredContent } : {}),
  };
}

/** Key under a call's `_meta` naming the task scope a process-wide server resolves. */
export const SCOPE_META_KEY = 'kotae/scope';

interface Link {
  client: Client;
  dialect: string;
  listTools(): Promise<ToolSpec[]>;
  callTool: (meta: Record<string, unknown> | undefined) => ToolProvider['callTool'];
}

/** Sees the method of every request the client sends (for metrics and tests). */
export type RequestObserver = (method: string) => void;

async function link(server: McpServer, observe?: RequestObserver): Promise<Link> {
  const [clientTransport, serverTransport] = InMemoryTransport.createLinkedPair();
  if (observe) {
    const send = clientTransport.send.bind(clientTransport);
    clientTransport.send = (message, options) => {
      if ('method' in message && 'id' in message) observe(message.method);
      return send(message, options);
    };
  }
  const client = new Client({ name: 'kotae-agent', version: '0.1.0' });
  await server.connect(serverTransport);
  await client.connect(clientTransport);

  const experimental = client.getServerCapabilities()?.experimental?.[WAREHOUSE_CAPABILITY] as
    { dialect?: unknown } | undefined;
  // Listed once per link: the client compiles the output schemas' validators on listing.
  let tools: Promise<ToolSpec[]> | null = null;
  return {
    client,
    dialect: typeof experimental?.dialect === 'string' ? experimental.dialect : 'SQL',
    listTools() {
      tools ??= client.listTools().then((listed) =>
        listed.tools.map((tool) => ({
          name: tool.name,
          description: tool.description ?? '',
          inputSchema: tool.inputSchema as Record<string, unknown>,
        })),
      );
      tools.catch(() => (tools = null));
      return tools;
    },
    callTool: (meta) => async (name, args, signal) => {
      try {
        const result = (await client.callTool(
          { name, arguments: args, ...(meta ? { _meta: meta } : {}) },
          undefined,
          { timeout: REQUEST_TIMEOUT_MS, ...(signal ? { signal } : {}) },
        )) as CallToolResult;
        return toolResultFromMcp(result);
      } catch (error) {
        // Cancellation is the caller's decision, not a tool failure: let it through.
        if (signal?.aborted) throw signal.reason ?? error;
        // Protocol errors (unknown tool, bad arguments) go back to the model as results.
        return { content: `Tool ${name} failed: ${errorMessage(error)}`, isError: true };
      }
    },
  };
}

/** A connection to a server of its own (one policy), closed with the server. */
export async function connectWarehouse(server: McpServer): Promise<WarehouseConnection> {
  const linked = await link(server);
  return {
    instructions: linked.client.getInstructions() ?? '',
    dialect: linked.dialect,
    listTools: () => linked.listTools(),
    callTool: linked.callTool(undefined),
    async close() {
      await linked.client.close();
      await server.close();
    },
  };
}

/** One process-wide link to a scoped server; each task gets a view that names its scope. */
export interface ScopedWarehouseLink {
  dialect: string;
  /** A task's connection: every call carries `scope`; close() runs `onClose`, not the link's. */
  connection(scope: string, instructions: string, onClose: () => void): WarehouseConnection;
  close(): Promise<void>;
}

export async function connectScopedWarehouse(
  server: McpServer,
  observe?: RequestObserver,
): Promise<ScopedWarehouseLink> {
  const linked = await link(server, observe);
  return {
    dialect: linked.dialect,
    connection(scope, instructions, onClose) {
      return {
        instructions,
        dialect: linked.dialect,
        listTools: () => linked.listTools(),
        callTool: linked.callTool({ [SCOPE_META_KEY]: scope }),
        async close() {
          onClose();
        },
      };
    },
    async close() {
      await linked.client.close();
      await server.close();
    },
  };
}
