import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { keyedPseudonyms } from '@rung/domain';
import { builtWorkerCode } from '@rung/platform';
import type { EventPreparer } from './event-preparer';
import { prepareCareerEvents, type PreparedEvent } from './prepare-career-events';

interface Pending {
  resolve(prepared: PreparedEvent[]): void;
  reject(error: Error): void;
}

/** A worker keeps nothing between batches; a small old generation makes it collect instead of growing (RSS bar, SPEC §10). */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 32 };

type Reply = { id: number; prepared: PreparedEvent[] } | { id: number; failure: string };

/**
 * Runs preparation on worker threads, so the main thread is left with HTTP, the journal and the
 * projections. Works from the built app only: a worker cannot load TypeScript sources.
 */
export class WorkerPoolEventPreparer implements EventPreparer {
  private readonly workers: Worker[] = [];
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closing = false;

  constructor(
    private readonly size: number,
    private readonly key: Buffer,
  ) {
    for (let i = 0; i < size; i += 1) this.workers.push(this.spawn());
  }

  prepare(raw: readonly unknown[]): Promise<PreparedEvent[]> {
    const id = (this.nextId += 1);
    const worker = this.workers[id % this.workers.length];
    const prepared = new Promise<PreparedEvent[]>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    try {
      worker.postMessage({ id, events: raw });
    } catch {
      // A batch the structured clone cannot copy (nested too deep for its recursion) is prepared here,
      // where validation rejects the events at fault one by one instead of failing the whole batch.
      this.pending.delete(id);
      return Promise.resolve(prepareCareerEvents(raw, keyedPseudonyms(this.key)));
    }
    return prepared;
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }

  private spawn(): Worker {
    const worker = new Worker(workerCode(), { eval: true, workerData: { key: this.key }, resourceLimits: WORKER_LIMITS });
    worker.on('message', (reply: Reply) => this.settle(reply));
    worker.on('error', () => this.replace(worker));
    worker.on('exit', () => this.replace(worker));
    worker.unref();
    return worker;
  }

  private settle(reply: Reply): void {
    const pending = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if (!pending) return;
    if ('prepared' in reply) pending.resolve(reply.prepared);
    else pending.reject(new Error(`event preparation failed on a worker (${reply.failure})`));
  }

  /** A dead worker fails what it held (the caller sees an error, nothing is stored) and is replaced. */
  private replace(worker: Worker): void {
    const index = this.workers.indexOf(worker);
    if (index < 0 || this.closing) return;
    for (const [id, pending] of this.pending) {
      if (id % this.workers.length === index) {
        this.pending.delete(id);
        pending.reject(new Error('an event preparation worker stopped'));
      }
    }
    this.workers[index] = this.spawn();
  }
}

function workerCode(): string {
  const code = builtWorkerCode(join(__dirname, 'prepare.worker.js'));
  if (!code) throw new Error('INGEST_WORKERS needs the built app (npm run build); use INGEST_WORKERS=0 from sources');
  return code;
}
