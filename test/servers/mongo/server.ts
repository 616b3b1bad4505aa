import type { AddressInfo, Socket } from 'node:net';
import { createServer } from 'node:net';
import type { ConnectionInfo } from './commands';
import type { ServerState } from './dispatcher';
import { dispatch } from './dispatcher';
import type { Doc } from './values';
import {
  decodeMessage,
  encodeMsgReply,
  encodeQueryReply,
  MessageFramer,
  OpCode,
  ProtocolError,
} from './wire';

/** The TCP side: accepts connections, frames messages and writes replies. */
export class WireServer {
  private readonly server = createServer((socket) => this.accept(socket));
  private readonly sockets = new Set<Socket>();
  private connections = 0;

  constructor(private readonly state: ServerState) {}

  /** Resolves with the bound port (useful when `port` is 0). */
  async listen(host: string, port: number): Promise<number> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        // Later listener errors (e.g. a failed accept) must not crash the test process.
        this.server.on('error', () => undefined);
        resolve();
      });
    });
    return (this.server.address() as AddressInfo).port;
  }

  /** Destroys every client socket and stops listening. */
  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    socket.setNoDelay(true);
    const connection: ConnectionInfo = {
      id: ++this.connections,
      remote: `${socket.remoteAddress ?? 'unknown'}:${socket.remotePort ?? 0}`,
    };
    const framer = new MessageFramer();
    socket.on('data', (chunk: Buffer) => this.receive(socket, framer, chunk, connection));
    // A client vanishing mid-message only affects its own socket.
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.sockets.delete(socket));
  }

  private receive(
    socket: Socket,
    framer: MessageFramer,
    chunk: Buffer,
    connection: ConnectionInfo,
  ): void {
    let frames: Buffer[];
    try {
      frames = framer.push(chunk);
    } catch {
      socket.destroy();
      return;
    }
    for (const frame of frames) {
      if (socket.destroyed) return;
      const reply = this.handle(frame, connection);
      if (reply === 'close') socket.destroy();
      else if (reply !== null) socket.write(reply);
    }
  }

  private handle(frame: Buffer, connection: ConnectionInfo): Buffer | null | 'close' {
    try {
      return dispatch(decodeMessage(frame), this.state, connection);
    } catch (err) {
      return errorReply(err);
    }
  }
}

function errorReply(err: unknown): Buffer | 'close' {
  if (!(err instanceof ProtocolError) || !err.reply) return 'close';
  const reply: Doc = { ok: 0, errmsg: err.message, code: 22, codeName: 'InvalidBSON' };
  const { opCode, requestId } = err.header;
  return opCode === OpCode.QUERY ? encodeQueryReply(requestId, reply) : encodeMsgReply(requestId, reply);
}
