import { assignBaseOffset, type ProducedBatch } from './record-batch';

export interface StoredBatch {
  baseOffset: number;
  /** Offset after the batch's last record. */
  nextOffset: number;
  maxTimestamp: number;
  bytes: Buffer;
}

export class PartitionLog {
  readonly batches: StoredBatch[] = [];
  readonly logStartOffset = 0;
  highWatermark = 0;

  append(batches: readonly ProducedBatch[]): number {
    const baseOffset = this.highWatermark;
    for (const batch of batches) {
      assignBaseOffset(batch.bytes, this.highWatermark);
      const nextOffset = this.highWatermark + batch.recordCount;
      this.batches.push({ baseOffset: this.highWatermark, nextOffset, maxTimestamp: batch.maxTimestamp, bytes: batch.bytes });
      this.highWatermark = nextOffset;
    }
    return baseOffset;
  }

  /** Index of the batch holding `offset` (binary search), or batches.length when beyond the log. */
  indexOf(offset: number): number {
    let low = 0;
    let high = this.batches.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.batches[middle].nextOffset <= offset) {
        low = middle + 1;
      } else {
        high = middle;
      }
    }
    return low;
  }

  inRange(offset: number): boolean {
    return offset >= this.logStartOffset && offset <= this.highWatermark;
  }
}

export interface Topic {
  readonly name: string;
  readonly partitions: PartitionLog[];
}

interface AppendWaiter {
  topics: ReadonlySet<string>;
  wake: () => void;
}

const LEGAL_TOPIC_NAME = /^[a-zA-Z0-9._-]{1,249}$/;

export function isValidTopicName(name: string): boolean {
  return LEGAL_TOPIC_NAME.test(name) && name !== '.' && name !== '..';
}

export class LogStore {
  private readonly topics = new Map<string, Topic>();
  private readonly waiters = new Set<AppendWaiter>();
  private closed = false;

  has(name: string): boolean {
    return this.topics.has(name);
  }

  get(name: string): Topic | undefined {
    return this.topics.get(name);
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.partitions[partition];
  }

  all(): Topic[] {
    return [...this.topics.values()];
  }

  create(name: string, partitions: number): Topic {
    const topic: Topic = { name, partitions: Array.from({ length: partitions }, () => new PartitionLog()) };
    this.topics.set(name, topic);
    return topic;
  }

  delete(name: string): void {
    this.topics.delete(name);
    this.notify(name);
  }

  append(topic: string, partition: PartitionLog, batches: readonly ProducedBatch[]): number {
    const baseOffset = partition.append(batches);
    this.notify(topic);
    return baseOffset;
  }

  /** Resolves on the next append to (or deletion of) one of `topics`, after `timeoutMs`, or on close. */
  waitForAppend(topics: ReadonlySet<string>, timeoutMs: number): Promise<void> {
    if (this.closed || timeoutMs <= 0) {
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const waiter: AppendWaiter = {
        topics,
        wake: () => {
          clearTimeout(timer);
          this.waiters.delete(waiter);
          resolve();
        },
      };
      const timer = setTimeout(waiter.wake, timeoutMs);
      this.waiters.add(waiter);
    });
  }

  isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const waiter of [...this.waiters]) {
      waiter.wake();
    }
  }

  private notify(topic: string): void {
    for (const waiter of [...this.waiters]) {
      if (waiter.topics.has(topic)) {
        waiter.wake();
      }
    }
  }
}
