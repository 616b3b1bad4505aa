import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { titleFor } from '../errors';

/**
 * Requests that Node's HTTP parser refuses before Express sees them (headers or URL over the size
 * limit, a malformed request line) are answered with a problem document too, not Node's bare status
 * line. Nothing of the request is echoed.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    socket.end(problemResponse(statusOf(error.code)));
  });
}

function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}

const DETAILS: Record<number, string> = {
  431: 'The request line or headers are larger than this server accepts.',
  408: 'The request was not received in time.',
  400: 'The request is not well-formed HTTP.',
};

function problemResponse(status: number): string {
  const title = titleFor(status);
  const body = JSON.stringify({ status, title, detail: DETAILS[status] });
  return `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
}
