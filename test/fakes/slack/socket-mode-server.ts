/**
 * Slack's Socket Mode endpoint, faked on loopback: `apps.connections.open` (app-level
 * token) hands out this server's ws:// URL; on connect it says `hello`, then pushes
 * envelopes (`events_api`, `slash_commands`, `interactive`) and records the client's acks
 * (`{ envelope_id, payload? }`). WebSocket framing (RFC 6455) is written out here, small
 * and complete enough for the SDK's client: masked client frames, text, ping/pong, close.
 */
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { FakeSlack } from './fake-slack.ts';

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';

export interface SocketModeAck {
  envelope_id: string;
  payload?: Record<string, unknown>;
}

export interface FakeSocketMode {
  /** An app-level token that apps.connections.open accepts. */
  appToken: string;
  connected(): boolean;
  /** Pushes an envelope; resolves with the client's ack, or null when none came in `waitMs`. */
  push(
    type: 'events_api' | 'slash_commands' | 'interactive',
    payload: unknown,
    options?: { retryAttempt?: number; retryReason?: string; waitMs?: number },
  ): Promise<SocketModeAck | null>;
  close(): Promise<void>;
}

export async function startFakeSocketMode(fake: FakeSlack): Promise<FakeSocketMode> {
  const sockets = new Set<Socket>();
  const acks = new Map<string, (ack: SocketModeAck) => void>();
  const server: Server = createServer((_request, response) => response.writeHead(426).end());
  server.on('upgrade', (request, socket: Socket) => {
    const key = request.headers['sec-websocket-key'];
    if (!key) return socket.destroy();
    const accept = createHash('sha1').update(`${key}${WS_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => sockets.delete(socket));
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let frame = readFrame(buffered); frame; frame = readFrame(buffered)) {
        buffered = buffered.subarray(frame.size);
        if (frame.opcode === 0x9) socket.write(writeFrame(0xa, frame.payload));
        else if (frame.opcode === 0x8) socket.end(writeFrame(0x8, Buffer.alloc(0)));
        else if (frame.opcode === 0x1) {
          const ack = JSON.parse(frame.payload.toString('utf8')) as SocketModeAck;
          acks.get(ack.envelope_id)?.(ack);
        }
      }
    });
    socket.write(writeFrame(0x1, Buffer.from(JSON.stringify({ type: 'hello', num_connections: 1 }))));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const appToken = fake.state.issueToken('xapp-1', {
    teamId: 'A0APP',
    kind: 'app',
    userId: '',
    appId: fake.state.appId,
  });
  fake.state.socketModeUrl = `ws://127.0.0.1:${port}/link/?ticket=${randomUUID()}`;

  return {
    appToken,
    connected: () => sockets.size > 0,
    push(type, payload, options = {}) {
      const envelope_id = randomUUID();
      const envelope = {
        envelope_id,
        type,
        payload,
        accepts_response_payload: type !== 'events_api',
        ...(options.retryAttempt === undefined
          ? {}
          : { retry_attempt: options.retryAttempt, retry_reason: options.retryReason ?? 'timeout' }),
      };
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          acks.delete(envelope_id);
          resolve(null);
        }, options.waitMs ?? 5000);
        acks.set(envelope_id, (ack) => {
          clearTimeout(timer);
          acks.delete(envelope_id);
          resolve(ack);
        });
        for (const socket of sockets) socket.write(writeFrame(0x1, Buffer.from(JSON.stringify(envelope))));
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function readFrame(data: Buffer): { opcode: number; payload: Buffer; size: number } | null {
  if (data.length < 2) return null;
  const opcode = data[0]! & 0x0f;
  const masked = (data[1]! & 0x80) !== 0;
  let length = data[1]! & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (data.length < 4) return null;
    length = data.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (data.length < 10) return null;
    length = Number(data.readBigUInt64BE(2));
    offset = 10;
  }
  const maskBytes = masked ? 4 : 0;
  if (data.length < offset + maskBytes + length) return null;
  const mask = data.subarray(offset, offset + maskBytes);
  const payload = Buffer.from(data.subarray(offset + maskBytes, offset + maskBytes + length));
  if (masked) for (let i = 0; i < payload.length; i += 1) payload[i]! ^= mask[i % 4]!;
  return { opcode, payload, size: offset + maskBytes + length };
}

function writeFrame(opcode: number, payload: Buffer): Buffer {
  const header =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : payload.length < 65536
        ? Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff])
        : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(payload.length)]);
  return Buffer.concat([header, payload]);
}

function bigLength(length: number): Buffer {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(length));
  return buffer;
}
