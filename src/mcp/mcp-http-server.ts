/**
 * The warehouse over MCP Streamable HTTP, stateless: every POST /mcp gets a fresh server
 * and transport (JSON responses, no sessions), which is all a tool-only server needs and
 * lets any number of clients share the process. GET/DELETE /mcp (SSE streams, session
 * ends) answer 405 as the spec allows for a stateless server.
 *
 * Every request must carry "Authorization: Bearer <token>"; otherwise 401 with
 * WWW-Authenticate, before any MCP handling. The token is compared in constant time.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import { KotaeError, errorMessage } from '../core/errors.ts';

export interface McpHttpServerOptions {
  host: string;
  port: number;
  token: string;
  createServer: () => McpServer;
  onError?: (error: unknown) => void;
}

export interface RunningMcpHttpServer {
  url: string;
  close(): Promise<void>;
}

/** Largest request body accepted; a tools/call with a 100 kB SQL text fits easily. */
const MAX_BODY_BYTES = 1024 * 1024;

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

export function isAuthorised(header: string | undefined, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!.trim()), digest(token));
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new KotaeError('mcp_body_too_large', 'request body too large');
    chunks.push(chunk as Buffer);
  }
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function startMcpHttpServer(options: McpHttpServerOptions): Promise<RunningMcpHttpServer> {
  const rpcError = (message: string) => ({ jsonrpc: '2.0', error: { code: -32000, message }, id: null });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    if (path !== '/mcp') return sendJson(response, 404, { error: 'not found; the MCP endpoint is /mcp' });
    if (!isAuthorised(request.headers.authorization, options.token)) {
      return sendJson(response, 401, rpcError('Unauthorized: send Authorization: Bearer <token>'), {
        'www-authenticate': 'Bearer realm="kotae-mcp"',
      });
    }
    if (request.method !== 'POST') {
      return sendJson(response, 405, rpcError('Method not allowed: this server is stateless; POST /mcp'), {
        allow: 'POST',
      });
    }
    let body: unknown;
    try {
      body = await readBody(request);
    } catch (error) {
      return sendJson(response, 400, {
        jsonrpc: '2.0',
        error: { code: -32700, message: `Parse error: ${errorMessage(error)}` },
        id: null,
      });
    }
    const server = options.createServer();
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    });
    response.on('close', () => {
      void transport.close();
      void server.close();
    });
    await server.connect(transport);
    await transport.handleRequest(request, response, body);
  }

  const http = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      options.onError?.(error);
      if (!response.headersSent) sendJson(response, 500, rpcError('Internal server error'));
      else response.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port, options.host, () => resolve());
  });
  const address = http.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}/mcp`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        http.closeAllConnections();
        http.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
