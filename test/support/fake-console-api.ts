/**
 * A console server that speaks the page's contract (src/bot/console/console-routes.ts) and
 * serves the real static files with the real Content-Security-Policy, for testing the page
 * in Chromium without a database or an LLM. Bot messages are rendered by the real
 * toConsoleHtml; a question moves through status → updated status → answer like the
 * worker would, paced by the test through `advance()`.
 */
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { Locale } from '../../src/core/locale.ts';
import type { MessageContent } from '../../src/core/ports/chat-platform.ts';
import { toConsoleHtml } from '../../src/render/console-html.ts';
import type { ConsoleMessageView } from '../../src/bot/console/console-hub.ts';

const STATIC = join(import.meta.dirname, '../../src/bot/console/static');
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'";

export type ConsoleView = ConsoleMessageView;

export interface FakeConsoleApi {
  url: string;
  feedback: Array<{ taskId: string; value: string }>;
  posts: Array<{ channel: string; thread?: string; text: string; locale: string }>;
  /** What the bot says next for a question: a status, then the final reply. */
  script: (question: string, locale: Locale, taskId: string) => MessageContent[];
  /** Sends the next scripted bot message of every open question; false when none was left. */
  advance(): boolean;
  notice: string | null;
  close(): Promise<void>;
}

interface Pending {
  channelId: string;
  threadId: string;
  messageId: string;
  steps: MessageContent[];
}

let clock = Date.parse('2026-11-21T09:00:00Z');
const now = () => new Date((clock += 1000)).toISOString();

export async function startFakeConsoleApi(): Promise<FakeConsoleApi> {
  const channels = [
    { id: 'general', name: 'general' },
    { id: 'sales', name: '売上' },
  ];
  const messages: ConsoleView[] = [];
  const streams = new Map<string, Set<ServerResponse>>();
  const pending: Pending[] = [];

  const publish = (view: ConsoleView) => {
    for (const stream of streams.get(view.channelId) ?? [])
      stream.write(`event: message\ndata: ${JSON.stringify(view)}\n\n`);
  };

  const api: FakeConsoleApi = {
    url: '',
    feedback: [],
    posts: [],
    notice: null,
    script: () => [],
    advance() {
      let moved = false;
      for (const item of pending) {
        const content = item.steps.shift();
        if (!content) continue;
        moved = true;
        const html = toConsoleHtml(content);
        const text = content.kind === 'status' ? content.text : content.reply.text;
        const existing = messages.find((m) => m.id === item.messageId);
        if (existing) {
          Object.assign(existing, { html, text, updatedAt: now() });
          publish(existing);
        } else {
          const at = now();
          const view: ConsoleView = {
            id: item.messageId,
            channelId: item.channelId,
            threadId: item.threadId,
            author: 'bot',
            text,
            html,
            createdAt: at,
            updatedAt: at,
          };
          messages.push(view);
          publish(view);
        }
      }
      return moved;
    },
    async close() {
      for (const set of streams.values()) for (const stream of set) stream.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const json = (status: number, body: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    const files: Record<string, [string, string]> = {
      '/': ['index.html', 'text/html; charset=utf-8'],
      '/console/app.js': ['app.js', 'text/javascript; charset=utf-8'],
      '/console/style.css': ['style.css', 'text/css; charset=utf-8'],
    };
    const file = files[url.pathname];
    if (request.method === 'GET' && file) {
      response.writeHead(200, { 'content-type': file[1], 'content-security-policy': CSP });
      response.end(await readFile(join(STATIC, file[0])));
      return;
    }
    const channel = url.searchParams.get('channel') ?? '';
    switch (`${request.method} ${url.pathname}`) {
      case 'GET /api/console/channels':
        return json(200, { channels });
      case 'GET /api/console/status':
        return json(200, {
          llmConfigured: api.notice === null,
          ...(api.notice ? { notice: api.notice } : {}),
        });
      case 'GET /api/console/threads': {
        const roots = messages.filter((m) => m.channelId === channel && m.id === m.threadId);
        const threads = roots.map((root) => ({
          threadId: root.threadId,
          title: root.text,
          updatedAt: messages
            .filter((m) => m.threadId === root.threadId)
            .map((m) => m.updatedAt)
            .sort()
            .at(-1),
        }));
        return json(200, { threads });
      }
      case 'GET /api/console/messages':
        return json(200, {
          messages: messages.filter(
            (m) => m.channelId === channel && m.threadId === url.searchParams.get('thread'),
          ),
        });
      case 'POST /api/console/messages': {
        const body = JSON.parse(await readBody(request)) as FakeConsoleApi['posts'][number];
        api.posts.push(body);
        if (body.text.includes('!reject'))
          return json(422, {
            error: body.locale === 'ja' ? '質問が長すぎます。' : 'The question is too long.',
          });
        const id = randomUUID();
        const threadId = body.thread ?? id;
        const at = now();
        const view: ConsoleView = {
          id,
          channelId: body.channel,
          threadId,
          author: 'user',
          text: body.text,
          html: null,
          createdAt: at,
          updatedAt: at,
        };
        messages.push(view);
        publish(view);
        const taskId = randomUUID();
        pending.push({
          channelId: body.channel,
          threadId,
          messageId: randomUUID(),
          steps: api.script(body.text, body.locale as Locale, taskId),
        });
        return json(202, { threadId, messageId: id });
      }
      case 'POST /api/console/feedback':
        api.feedback.push(JSON.parse(await readBody(request)));
        return json(200, { ok: true });
      case 'GET /api/console/events': {
        response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
        response.write('retry: 500\n\n');
        const set = streams.get(channel) ?? new Set();
        streams.set(channel, set);
        set.add(response);
        request.on('close', () => set.delete(response));
        return;
      }
      default:
        return json(404, { error: 'not found' });
    }
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      response.writeHead(500);
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  api.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return api;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
