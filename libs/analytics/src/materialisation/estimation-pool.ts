import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { builtWorkerCode } from '@rung/platform';
import { runEstimation, transferablesOf, type EstimationJob } from './estimation-jobs';
import { JSON_CONTENT_TYPE, jsonRepresentation, LIVE_CACHE_CONTROL, type Representation } from './representation';
import { nextTurn } from './slices';

/** Runs estimation jobs and hands back their JSON, ready to send. */
export interface Estimation {
  /** Worker threads in use; 0 when jobs run on the main thread. */
  readonly threads: number;
  run(job: EstimationJob): Promise<Representation>;
  close(): Promise<void>;
}

/**
 * Worker threads when asked for and the app is built (a worker cannot load TypeScript sources);
 * otherwise the main thread, where a job runs in one piece after handing the event loop back once.
 */
export function openEstimation(threads: number): Estimation {
  const code = threads > 0 ? builtWorkerCode(join(__dirname, 'estimation.worker.js')) : undefined;
  return code ? new WorkerEstimation(threads, code) : new InlineEstimation();
}

class InlineEstimation implements Estimation {
  readonly threads = 0;

  async run(job: EstimationJob): Promise<Representation> {
    await nextTurn();
    return jsonRepresentation(runEstimation(job));
  }

  async close(): Promise<void> {}
}

type Reply = { id: number; etag: string; body: Uint8Array } | { id: number; failure: string };

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve(r: Representation): void; reject(e: Error): void }>;
}

class WorkerEstimation implements Estimation {
  private readonly slots: Slot[] = [];
  private nextId = 0;
  private closing = false;

  constructor(
    readonly threads: number,
    private readonly code: string,
  ) {
    for (let i = 0; i < threads; i++) this.slots.push(this.spawn());
  }

  run(job: EstimationJob): Promise<Representation> {
    const slot = this.slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = (this.nextId += 1);
    return new Promise((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage({ id, job }, transferablesOf(job));
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.code, { eval: true }), pending: new Map() };
    slot.worker.on('message', (reply: Reply) => settle(slot, reply));
    slot.worker.on('error', () => this.replace(slot));
    slot.worker.on('exit', () => this.replace(slot));
    slot.worker.unref();
    return slot;
  }

  /** A worker that died fails the jobs it held (their requests answer 500) and is replaced. */
  private replace(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closing) return;
    for (const p of slot.pending.values()) p.reject(new Error('an estimation worker stopped'));
    slot.pending.clear();
    this.slots[index] = this.spawn();
  }
}

function settle(slot: Slot, reply: Reply): void {
  const pending = slot.pending.get(reply.id);
  slot.pending.delete(reply.id);
  if (!pending) return;
  if ('failure' in reply) {
    pending.reject(new Error(`estimation failed on a worker (${reply.failure})`));
    return;
  }
  const body = Buffer.from(reply.body.buffer, reply.body.byteOffset, reply.body.byteLength);
  pending.resolve({ etag: reply.etag, body, contentType: JSON_CONTENT_TYPE, cacheControl: LIVE_CACHE_CONTROL });
}
