import { DomainError, type DomainErrorCode } from '@rung/domain';
import type { JsonLogger } from '@rung/platform';
import type { EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import type { EventResult, RecordingReport } from '../record-career-events.command';
import { deadLetterRecord, rejectionReason, type BadMessage } from './dead-letter';
import { decodeMessage } from './decode-message';
import type { KafkaIngestMetrics } from './kafka-ingest.metrics';
import { GAVE_UP, retryWithBackoff, whileHeartbeating } from './retry';

export interface BatchSettings {
  /** Most messages appended by one command. */
  batchSize: number;
  retryBackoffMaxMs: number;
  heartbeatIntervalMs: number;
}

/** Where a partition batch goes: the RecordCareerEvents command, and the dead-letter topic. */
export interface BatchSinks {
  record(events: readonly unknown[]): Promise<RecordingReport>;
  deadLetter(records: Message[]): Promise<void>;
}

interface Candidate {
  message: KafkaMessage;
  event: Record<string, unknown>;
}

type Verdict = { status: 'stored' | 'duplicate' } | { status: 'rejected'; reason: string };

/** Errors a whole command can be refused with because of what it carries: retrying cannot cure them. */
const INPUT_ERRORS: ReadonlySet<DomainErrorCode> = new Set(['validation-failed', 'bad-request', 'payload-too-large', 'event-conflict']);

/**
 * Processes one fetched partition batch, in order, a chunk at a time: append the chunk through the
 * command, dead-letter its bad messages, then commit the offset after its last message. A failing
 * append is retried in place, so nothing behind it is committed or reordered.
 */
export class PartitionBatchProcessor {
  constructor(
    private readonly sinks: BatchSinks,
    private readonly settings: BatchSettings,
    private readonly metrics: KafkaIngestMetrics,
    private readonly logger: JsonLogger,
  ) {}

  async process(payload: EachBatchPayload): Promise<void> {
    const { topic, partition, messages, highWatermark } = payload.batch;
    if (messages.length) this.metrics.fetched(topic, partition, messages[0].offset, highWatermark);
    for (let start = 0; start < messages.length; start += this.settings.batchSize) {
      // On shutdown the chunk in flight is finished and committed; later ones are left for the next owner.
      if (!payload.isRunning() || payload.isStale()) return;
      const chunk = messages.slice(start, start + this.settings.batchSize);
      if (!(await this.processChunk(payload, chunk))) return;
      await this.commitAfter(payload, chunk[chunk.length - 1].offset);
    }
  }

  private async processChunk(payload: EachBatchPayload, chunk: KafkaMessage[]): Promise<boolean> {
    const { topic, partition } = payload.batch;
    this.metrics.countConsumed(chunk.length);
    const bad: BadMessage[] = [];
    const candidates: Candidate[] = [];
    for (const message of chunk) {
      const decoded = decodeMessage(topic, message.value);
      if (decoded.ok) candidates.push({ message, event: decoded.event });
      else bad.push({ message, code: decoded.code, reason: decoded.reason });
    }
    const verdicts = await this.record(payload, candidates);
    if (!verdicts) return false;
    verdicts.forEach((v, i) => {
      if (v.status === 'rejected') bad.push({ message: candidates[i].message, code: 'rejected', reason: v.reason });
    });
    if (!bad.length) return true;
    const sent = await this.retrying(payload, () => this.sinks.deadLetter(bad.map((b) => deadLetterRecord(topic, partition, b))));
    if (sent === GAVE_UP) return false;
    this.metrics.countDeadLettered(bad.length);
    bad.forEach((b) => this.logger.event('warn', 'kafka message dead-lettered', { topic, partition, offset: b.message.offset, reasonCode: b.code }));
    return true;
  }

  /** Verdicts in candidate order, or null when retrying was given up. */
  private async record(payload: EachBatchPayload, candidates: Candidate[]): Promise<Verdict[] | null> {
    if (!candidates.length) return [];
    try {
      const report = await this.retrying(payload, () => this.sinks.record(candidates.map((c) => c.event)));
      if (report === GAVE_UP) return null;
      this.metrics.countRecorded(report.accepted, report.duplicates);
      return report.results.map(verdictOf);
    } catch (error) {
      // The command refused the chunk as a whole: find the event responsible by sending them one at a time.
      if (candidates.length === 1) return [{ status: 'rejected', reason: (error as Error).message }];
      const verdicts: Verdict[] = [];
      for (const candidate of candidates) {
        const one = await this.record(payload, [candidate]);
        if (!one) return null;
        verdicts.push(...one);
      }
      return verdicts;
    }
  }

  private async commitAfter(payload: EachBatchPayload, lastOffset: string): Promise<void> {
    const { topic, partition } = payload.batch;
    const next = (BigInt(lastOffset) + 1n).toString();
    // Through the batch payload, not consumer.commitOffsets(), which does nothing once stop() has begun.
    await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
    payload.resolveOffset(lastOffset);
    this.metrics.committed(topic, partition, next);
    await payload.heartbeat();
  }

  private retrying<T>(payload: EachBatchPayload, work: () => Promise<T>): Promise<T | typeof GAVE_UP> {
    const { topic, partition } = payload.batch;
    return retryWithBackoff(() => whileHeartbeating(work, payload.heartbeat, this.settings.heartbeatIntervalMs), {
      maxBackoffMs: this.settings.retryBackoffMaxMs,
      shouldGiveUp: () => !payload.isRunning() || payload.isStale(),
      heartbeat: payload.heartbeat,
      isPermanent: (error) => error instanceof DomainError && INPUT_ERRORS.has(error.code),
      onRetry: (error, attempt, delayMs) => {
        this.metrics.countRetry();
        const reason = error instanceof DomainError ? error.code : (error as Error)?.name ?? 'unknown';
        this.logger.event('warn', 'kafka ingest step failed; retrying', { topic, partition, attempt, delayMs, error: reason });
      },
    });
  }
}

function verdictOf(result: EventResult): Verdict {
  return result.status === 'rejected' ? { status: 'rejected', reason: rejectionReason(result.errors) } : { status: result.status };
}
