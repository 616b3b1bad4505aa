import { Injectable, Optional } from '@nestjs/common';
import { RungMetrics } from '@rung/platform';

export interface PartitionProgress {
  topic: string;
  partition: number;
  /** The first offset this instance fetched from the partition since it was assigned. */
  firstOffset: string;
  /** The next offset to consume, as committed; null before the first commit. */
  committedOffset: string | null;
  highWatermark: string;
  /** Messages not yet committed, as of the last fetch. */
  lag: number;
}

export interface KafkaIngestSnapshot {
  /** Messages taken up for processing (redeliveries included). */
  consumed: number;
  stored: number;
  duplicates: number;
  deadLettered: number;
  /** Failed attempts that were retried (store or dead-letter topic unavailable). */
  retries: number;
  /** Partitions this instance owns, by topic. */
  assigned: Record<string, number[]>;
  partitions: PartitionProgress[];
}

interface Progress {
  committed: string | null;
  firstFetched: string;
  highWatermark: string;
}

/** Counters and per-partition lag of Kafka ingestion, for readiness reports and /metrics. */
@Injectable()
export class KafkaIngestMetrics {
  private readonly counts = { consumed: 0, stored: 0, duplicates: 0, deadLettered: 0, retries: 0 };
  private readonly progress = new Map<string, Progress>();
  private assignment: Record<string, number[]> = {};

  constructor(@Optional() private readonly metrics?: RungMetrics) {
    metrics?.gauge('rung_kafka_consumer_lag_messages', 'Kafka messages not yet committed, over the partitions this instance owns', () =>
      this.snapshot().partitions.reduce((sum, p) => sum + p.lag, 0));
    metrics?.gauge('rung_kafka_retries', 'failed Kafka ingest attempts that were retried, since start', () => this.counts.retries);
  }

  countConsumed(messages: number): void {
    this.counts.consumed += messages;
  }

  countRecorded(stored: number, duplicates: number): void {
    this.counts.stored += stored;
    this.counts.duplicates += duplicates;
    this.metrics?.eventsRecorded('kafka', { accepted: stored, duplicates, rejected: 0 });
  }

  countDeadLettered(messages: number): void {
    this.counts.deadLettered += messages;
    this.metrics?.events.inc({ transport: 'kafka', result: 'dead-lettered' }, messages);
  }

  countRetry(): void {
    this.counts.retries += 1;
  }

  /** A rebalance gave this instance a new assignment: progress of partitions it lost is dropped. */
  assigned(assignment: Record<string, number[]>): void {
    this.assignment = assignment;
    for (const key of this.progress.keys()) {
      const [topic, partition] = splitKey(key);
      if (!assignment[topic]?.includes(partition)) this.progress.delete(key);
    }
  }

  fetched(topic: string, partition: number, firstOffset: string, highWatermark: string): void {
    const key = `${topic}/${partition}`;
    const known = this.progress.get(key);
    this.progress.set(key, { committed: known?.committed ?? null, firstFetched: known?.firstFetched ?? firstOffset, highWatermark });
  }

  committed(topic: string, partition: number, offset: string): void {
    const key = `${topic}/${partition}`;
    const known = this.progress.get(key);
    this.progress.set(key, { committed: offset, firstFetched: known?.firstFetched ?? offset, highWatermark: known?.highWatermark ?? offset });
  }

  snapshot(): KafkaIngestSnapshot {
    const partitions = [...this.progress].map(([key, p]) => {
      const [topic, partition] = splitKey(key);
      const lag = Math.max(0, Number(BigInt(p.highWatermark) - BigInt(p.committed ?? p.firstFetched)));
      return { topic, partition, firstOffset: p.firstFetched, committedOffset: p.committed, highWatermark: p.highWatermark, lag };
    });
    partitions.sort((a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition);
    return { ...this.counts, assigned: structuredClone(this.assignment), partitions };
  }
}

function splitKey(key: string): [string, number] {
  const at = key.lastIndexOf('/');
  return [key.slice(0, at), Number(key.slice(at + 1))];
}
