import { BSON, type Document } from 'bson';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

/** Decides from a client's command (the OP_MSG body: `{ insert: 'events', ... }`) whether a fault applies to it. */
export type CommandMatch = (command: Document) => boolean;

/** Where a matched command's connection is cut: halfway through sending it, or once the server has answered it. */
export type CutPoint = 'mid-request' | 'before-reply';

/**
 * A TCP proxy between a MongoDB driver and a server (the test server or a real mongod) that injects
 * network faults: cut the connection carrying a given command, refuse every connection, or stall
 * bytes in both directions. Connect through it with `directConnection=true` (see `proxiedUri`), or the
 * driver follows the member addresses that `hello` gives and goes around the proxy.
 */
export interface FaultProxy {
  port: number;
  /** Cuts the connection of the next command that matches, at that point; resolves once it is cut. */
  cutNext(match: CommandMatch, at: CutPoint): Promise<void>;
  /** Closes every open connection, and every new one at once, until `restore()`. */
  refuse(): void;
  /** Holds every byte, both ways, until `restore()`; a side that gives up meanwhile loses what was held for it. */
  stall(): void;
  /** Ends `refuse()` and `stall()`, forwarding what was held. */
  restore(): void;
  close(): Promise<void>;
}

interface Cut {
  match: CommandMatch;
  at: CutPoint;
  done: () => void;
}

type Mode = 'open' | 'refusing' | 'stalled';

const HEADER = 16;
const OP_MSG = 2013;

export async function startFaultProxy(target: { host: string; port: number }): Promise<FaultProxy> {
  const pairs = new Set<Pair>();
  const cuts: Cut[] = [];
  let mode: Mode = 'open';
  const server: Server = createServer((client) => {
    if (mode === 'refusing') return void client.destroy();
    const pair = new Pair(client, connect(target.port, target.host), () => mode === 'stalled', cuts);
    pairs.add(pair);
    pair.onClose(() => pairs.delete(pair));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    cutNext: (match, at) => new Promise<void>((done) => cuts.push({ match, at, done })),
    refuse: () => {
      mode = 'refusing';
      pairs.forEach((p) => p.destroy());
    },
    stall: () => {
      mode = 'stalled';
    },
    restore: () => {
      mode = 'open';
      pairs.forEach((p) => p.flush());
    },
    close: async () => {
      pairs.forEach((p) => p.destroy());
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** One client connection and its connection to the server. */
class Pair {
  private readonly framer = new Framer();
  private readonly held: Array<{ to: Socket; bytes: Buffer }> = [];
  private cutOnReply: Cut | undefined;
  private cutting = false;

  constructor(
    private readonly client: Socket,
    private readonly upstream: Socket,
    private readonly stalled: () => boolean,
    private readonly cuts: Cut[],
  ) {
    for (const s of [client, upstream]) {
      s.setNoDelay(true);
      s.on('error', () => this.destroy());
      s.on('close', () => this.destroy());
    }
    client.on('data', (chunk: Buffer) => this.fromClient(chunk));
    upstream.on('data', (chunk: Buffer) => this.fromServer(chunk));
  }

  onClose(listener: () => void): void {
    this.client.once('close', listener);
  }

  destroy(): void {
    this.held.length = 0;
    this.client.destroy();
    this.upstream.destroy();
  }

  flush(): void {
    for (const { to, bytes } of this.held.splice(0)) to.write(bytes);
  }

  private fromClient(chunk: Buffer): void {
    if (this.cutting) return;
    for (const frame of this.framer.push(chunk)) {
      const cut = this.takeCut(frame);
      if (cut?.at === 'mid-request') {
        this.send(this.upstream, frame.subarray(0, Math.floor(frame.length / 2)));
        return this.cut(cut);
      }
      if (cut) this.cutOnReply = cut;
      this.send(this.upstream, frame);
    }
  }

  private fromServer(chunk: Buffer): void {
    if (this.cutting) return;
    if (this.cutOnReply) return this.cut(this.cutOnReply);
    this.send(this.client, chunk);
  }

  private send(to: Socket, bytes: Buffer): void {
    if (this.stalled()) this.held.push({ to, bytes });
    else to.write(bytes);
  }

  private takeCut(frame: Buffer): Cut | undefined {
    if (!this.cuts.length) return undefined;
    const command = commandOf(frame);
    const index = command ? this.cuts.findIndex((c) => c.match(command)) : -1;
    return index < 0 ? undefined : this.cuts.splice(index, 1)[0];
  }

  private cut(cut: Cut): void {
    this.cutting = true;
    if (this.upstream.destroyed) {
      this.destroy();
      return cut.done();
    }
    // Let the half-sent bytes reach the server before either side goes; 'close' comes however it ends.
    this.client.pause();
    this.upstream.once('close', () => cut.done());
    this.upstream.end(() => this.destroy());
  }
}

/** Splits a byte stream into wire-protocol messages by their length prefix. */
class Framer {
  private buffered = Buffer.alloc(0);

  push(chunk: Buffer): Buffer[] {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    const frames: Buffer[] = [];
    while (this.buffered.length >= 4 && this.buffered.length >= this.buffered.readInt32LE(0)) {
      const length = this.buffered.readInt32LE(0);
      frames.push(this.buffered.subarray(0, length));
      this.buffered = this.buffered.subarray(length);
    }
    return frames;
  }
}

/** The body of an OP_MSG (section kind 0 right after the flags), or undefined for anything else. */
function commandOf(frame: Buffer): Document | undefined {
  if (frame.length < HEADER + 5 || frame.readInt32LE(12) !== OP_MSG || frame[HEADER + 4] !== 0) return undefined;
  const start = HEADER + 5;
  return BSON.deserialize(frame.subarray(start, start + frame.readInt32LE(start)));
}

/** The first host of a mongodb:// connection string: where the proxy forwards to. */
export function firstHost(uri: string): { host: string; port: number } {
  const match = /^mongodb:\/\/(?:[^@/]*@)?([^,/?:]+)(?::(\d+))?/.exec(uri);
  if (!match) throw new Error('only mongodb:// connection strings can go through the fault proxy');
  return { host: match[1], port: Number(match[2] ?? 27017) };
}

/**
 * The connection string through the proxy: its first host replaced by the proxy, `replicaSet` dropped
 * and `directConnection=true` added. The first host of the URL must be the primary.
 */
export function proxiedUri(uri: string, proxy: { port: number }): string {
  const match = /^mongodb:\/\/([^@/]*@)?[^/?]*(\/[^?]*)?(?:\?(.*))?$/.exec(uri);
  if (!match) throw new Error('only mongodb:// connection strings can go through the fault proxy');
  const options = (match[3] ?? '').split('&').filter((o) => o && !/^(replicaSet|directConnection)=/i.test(o));
  return `mongodb://${match[1] ?? ''}127.0.0.1:${proxy.port}${match[2] ?? '/'}?${['directConnection=true', ...options].join('&')}`;
}
