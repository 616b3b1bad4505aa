import net from 'node:net';
import { DroppedRequest } from './faults';

/** Kafka's socket.request.max.bytes default. */
const MAX_FRAME_BYTES = 100 * 1024 * 1024;

export type RequestHandler = (frame: Buffer, clientHost: string) => Promise<Buffer | null>;

/**
 * One TCP connection. Like Kafka, requests on a connection are handled strictly one at a
 * time and answered in order; a request that waits (Fetch, JoinGroup) holds up only its own connection.
 */
class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private readonly queue: Buffer[] = [];
  private draining = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly handle: RequestHandler,
    private readonly onError: (error: unknown) => void,
  ) {
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', () => socket.destroy()); // client resets are normal (e.g. a killed consumer)
  }

  destroy(): void {
    this.queue.length = 0;
    this.socket.destroy();
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const size = this.buffered.readInt32BE(0);
      if (size < 0 || size > MAX_FRAME_BYTES) {
        this.fail(new Error(`invalid request size ${size}`));
        return;
      }
      if (this.buffered.length < 4 + size) {
        break;
      }
      this.queue.push(this.buffered.subarray(4, 4 + size));
      this.buffered = this.buffered.subarray(4 + size);
    }
    void this.drain();
  }

  private async drain(): Promise<void> {
    if (this.draining) {
      return;
    }
    this.draining = true;
    try {
      for (let frame = this.queue.shift(); frame && !this.socket.destroyed; frame = this.queue.shift()) {
        const response = await this.handle(frame, `/${this.socket.remoteAddress ?? 'unknown'}`);
        if (response && !this.socket.destroyed) {
          this.socket.write(response);
        }
      }
    } catch (error) {
      if (error instanceof DroppedRequest) this.destroy();
      else this.fail(error);
    } finally {
      this.draining = false;
    }
  }

  private fail(error: unknown): void {
    this.onError(error);
    this.destroy();
  }
}

export class KafkaSocketServer {
  private readonly server: net.Server;
  private readonly connections = new Set<Connection>();

  constructor(handle: RequestHandler, onError: (error: unknown) => void) {
    this.server = net.createServer((socket) => {
      const connection = new Connection(socket, handle, onError);
      this.connections.add(connection);
      socket.on('close', () => this.connections.delete(connection));
    });
  }

  listen(host: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => {
        this.server.off('error', reject);
        resolve((this.server.address() as net.AddressInfo).port);
      });
    });
  }

  /** Stops listening and closes every connection; listen() may be called again afterwards. */
  close(): Promise<void> {
    const closed = new Promise<void>((resolve) => (this.server.listening ? this.server.close(() => resolve()) : resolve()));
    for (const connection of this.connections) {
      connection.destroy();
    }
    return closed;
  }
}
