/**
 * HTTP/1.1 spoken by hand over a loopback socket, for what fetch cannot do: send headers and
 * hold back the body, trickle bytes, repeat a header, or name another Host.
 */
import { connect, type Socket } from 'node:net';

/** A connection to the facade that records what it received and when the server closed it. */
export interface RawConnection {
  readonly socket: Socket;
  /** Everything received so far, as text. */
  received(): string;
  /** Resolves when the server has closed the connection (FIN or reset), with all it sent. */
  readonly closed: Promise<string>;
  /** Resolves with the text once `pattern` appears in what was received. */
  until(pattern: RegExp): Promise<string>;
  write(text: string): void;
}

/** Opens a connection to `url` (http://host:port). */
export async function openRaw(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  const socket = connect({ host: hostname, port: Number(port) });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let text = '';
  const waiters: Array<() => void> = [];
  socket.on('data', (chunk: Buffer) => {
    text += chunk.toString('latin1');
    for (const wake of waiters.splice(0)) wake();
  });
  // Writes after the server closed fail with EPIPE or ECONNRESET: expected here, not an error.
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(text)));
  return {
    socket,
    received: () => text,
    closed,
    until(pattern) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          if (pattern.test(text)) resolve(text);
          else if (socket.destroyed) reject(new Error(`connection closed before ${pattern}; received: ${text.slice(0, 500)}`));
          else waiters.push(check);
        };
        socket.once('close', check);
        check();
      });
    },
    write(chunk) {
      if (!socket.destroyed) socket.write(chunk);
    },
  };
}

/** The head of an HTTP/1.1 request, `lines` being its header lines. */
export function requestHead(method: string, path: string, lines: readonly string[]): string {
  return `${method} ${path} HTTP/1.1\r\n${lines.map((line) => `${line}\r\n`).join('')}\r\n`;
}

/** The status and headers (names lower-cased) of the first response in `text`. */
export function parseHead(text: string): { status: number; headers: Record<string, string>; body: string } {
  const end = text.indexOf('\r\n\r\n');
  const [statusLine = '', ...lines] = text.slice(0, end === -1 ? text.length : end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return { status: Number(statusLine.split(' ')[1]), headers, body: end === -1 ? '' : text.slice(end + 4) };
}

/**
 * Sends one POST /graphql of `query` with the given header lines (Content-Type, Content-Length
 * and Connection: close added) and returns the answer once the server closes the connection.
 */
export async function rawGraphQL(url: string, query: string, lines: readonly string[]): Promise<{ status: number; headers: Record<string, string>; json: any }> {
  const body = JSON.stringify({ query });
  const connection = await openRaw(url);
  connection.write(requestHead('POST', '/graphql', [...lines, 'Content-Type: application/json', `Content-Length: ${Buffer.byteLength(body)}`, 'Connection: close']) + body);
  const { status, headers, body: raw } = parseHead(await connection.closed);
  const text = headers['transfer-encoding'] === 'chunked' ? dechunk(raw) : raw;
  return { status, headers, json: JSON.parse(text) };
}

function dechunk(raw: string): string {
  let out = '';
  let at = 0;
  for (;;) {
    const lineEnd = raw.indexOf('\r\n', at);
    const size = parseInt(raw.slice(at, lineEnd), 16);
    if (!(size > 0)) return out;
    out += raw.slice(lineEnd + 2, lineEnd + 2 + size);
    at = lineEnd + 2 + size + 2;
  }
}
