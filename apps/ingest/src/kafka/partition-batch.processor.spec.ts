import { DomainError } from '@rung/domain';
import { JsonLogger } from '@rung/platform';
import type { EachBatchPayload, KafkaMessage, Message } from 'kafkajs';
import type { EventResult, RecordingReport } from '../record-career-events.command';
import { KafkaIngestMetrics } from './kafka-ingest.metrics';
import { PartitionBatchProcessor, type BatchSinks } from './partition-batch.processor';

const TOPIC = 'career.promotion.v1';
const event = (eventId: string, type = 'PromotionGranted'): string => JSON.stringify({ eventId, type });

/** A kafkajs eachBatch payload over the given values, recording what the processor does to it. */
function batchOf(values: Array<string | null>, firstOffset = 10) {
  const log: string[] = [];
  const control = { running: true, heartbeats: 0 };
  const messages = values.map((value, i) => ({
    key: Buffer.from('rx1-trust:E1'), value: value === null ? null : Buffer.from(value), offset: String(firstOffset + i),
    timestamp: '1700000000000', attributes: 0, headers: { trace: 'abc' },
  })) satisfies KafkaMessage[];
  const payload = {
    batch: { topic: TOPIC, partition: 2, highWatermark: String(firstOffset + values.length), messages },
    resolveOffset: (offset: string) => log.push(`resolve ${offset}`),
    heartbeat: async () => void (control.heartbeats += 1),
    commitOffsetsIfNecessary: async (offsets: { topics: Array<{ partitions: Array<{ offset: string }> }> }) => {
      log.push(`commit ${offsets.topics[0].partitions[0].offset}`);
    },
    isRunning: () => control.running,
    isStale: () => false,
  } as unknown as EachBatchPayload;
  return { payload, log, control };
}

/** A stand-in for the command: stores each event once, rejects ids starting with "bad", logs each call. */
function sinksFor(log: string[], overrides: Partial<BatchSinks> = {}): BatchSinks & { deadLetters: Message[] } {
  const seen = new Set<string>();
  const deadLetters: Message[] = [];
  return {
    deadLetters,
    record: async (events) => {
      log.push(`record ${events.map((e) => (e as { eventId: string }).eventId).join(',')}`);
      const results: EventResult[] = (events as Array<{ eventId: string }>).map(({ eventId }) => {
        if (eventId.startsWith('bad')) return { eventId, status: 'rejected', errors: [{ path: 'occurredAt', message: 'must be an ISO 8601 date or date-time' }] };
        const status = seen.has(eventId) ? 'duplicate' : 'stored';
        seen.add(eventId);
        return { eventId, status };
      });
      const count = (s: string): number => results.filter((r) => r.status === s).length;
      return { accepted: count('stored'), duplicates: count('duplicate'), rejected: count('rejected'), results } satisfies RecordingReport;
    },
    deadLetter: async (records) => {
      log.push(`dead-letter ${records.length}`);
      deadLetters.push(...records);
    },
    ...overrides,
  };
}

function processor(sinks: BatchSinks, metrics = new KafkaIngestMetrics(), batchSize = 2): PartitionBatchProcessor {
  return new PartitionBatchProcessor(sinks, { batchSize, retryBackoffMaxMs: 20, heartbeatIntervalMs: 5 }, metrics, new JsonLogger('error'));
}

describe('PartitionBatchProcessor', () => {
  it('appends a batch in chunks, one command each, and commits offset + 1 only after each chunk is stored', async () => {
    const { payload, log } = batchOf([event('a'), event('b'), event('c'), event('a'), event('d')]);
    const metrics = new KafkaIngestMetrics();

    await processor(sinksFor(log), metrics).process(payload);

    expect(log).toEqual(['record a,b', 'commit 12', 'resolve 11', 'record c,a', 'commit 14', 'resolve 13', 'record d', 'commit 15', 'resolve 14']);
    expect(metrics.snapshot()).toMatchObject({
      consumed: 5, stored: 4, duplicates: 1, deadLettered: 0, retries: 0,
      partitions: [{ topic: TOPIC, partition: 2, firstOffset: '10', committedOffset: '15', highWatermark: '15', lag: 0 }],
    });
  });

  it('dead-letters bad messages with the original topic, partition, offset and reason, then commits past them', async () => {
    const values = [event('a'), '{"eventId":', JSON.stringify([{ eventId: 'x' }]), event('h', 'EmployeeHired'), event('bad-date'), event('b')];
    const { payload, log } = batchOf(values, 40);
    const sinks = sinksFor(log);
    const metrics = new KafkaIngestMetrics();

    await processor(sinks, metrics, 10).process(payload);

    expect(log).toEqual(['record a,bad-date,b', 'dead-letter 4', 'commit 46', 'resolve 45']);
    expect(sinks.deadLetters.map((m) => [m.value?.toString(), m.key?.toString(), m.headers?.['original-offset'], m.headers?.['reason-code']])).toEqual([
      [values[1], 'rx1-trust:E1', '41', 'invalid-json'],
      [values[2], 'rx1-trust:E1', '42', 'not-an-object'],
      [values[3], 'rx1-trust:E1', '43', 'wrong-topic'],
      [values[4], 'rx1-trust:E1', '44', 'rejected'],
    ]);
    expect(sinks.deadLetters[3].headers).toEqual({
      trace: 'abc', 'original-topic': TOPIC, 'original-partition': '2', 'original-offset': '44', 'original-timestamp': '1700000000000',
      'reason-code': 'rejected', reason: 'occurredAt: must be an ISO 8601 date or date-time',
    });
    expect(metrics.snapshot()).toMatchObject({ consumed: 6, stored: 2, deadLettered: 4 });
  });

  it('retries a failing append with backoff, heartbeating, and commits nothing until it is stored', async () => {
    const { payload, log, control } = batchOf([event('a'), event('b'), event('c')]);
    const healthy = sinksFor(log);
    let failures = 0;
    const metrics = new KafkaIngestMetrics();
    const sinks = sinksFor(log, {
      record: async (events) => {
        if (failures < 3) {
          failures += 1;
          log.push('store down');
          throw new DomainError('store-unavailable', 'the event store is unavailable');
        }
        return healthy.record(events);
      },
    });

    await processor(sinks, metrics).process(payload);

    expect(log).toEqual(['store down', 'store down', 'store down', 'record a,b', 'commit 12', 'resolve 11', 'record c', 'commit 13', 'resolve 12']);
    expect(metrics.snapshot().retries).toBe(3);
    expect(control.heartbeats).toBeGreaterThanOrEqual(3);
  });

  it('keeps heartbeating while a slow append runs, so that the group does not evict the consumer', async () => {
    const { payload, log, control } = batchOf([event('a')]);
    const healthy = sinksFor(log);
    const sinks = sinksFor(log, {
      // The append finishes only once five heartbeats went out while it ran: without them it never does, and the test times out.
      record: async (events) => {
        while (control.heartbeats < 5) await new Promise((resolve) => setTimeout(resolve, 5));
        return healthy.record(events);
      },
    });

    await processor(sinks).process(payload);

    expect(control.heartbeats).toBeGreaterThanOrEqual(5);
    expect(log).toEqual(['record a', 'commit 11', 'resolve 10']);
  });

  it('gives up without committing when the consumer stops during an outage', async () => {
    const { payload, log, control } = batchOf([event('a'), event('b'), event('c')]);
    let attempts = 0;
    const sinks = sinksFor(log, {
      record: async () => {
        attempts += 1;
        if (attempts === 2) control.running = false;
        throw new Error('connection refused');
      },
    });

    await processor(sinks).process(payload);

    expect(attempts).toBe(2);
    expect(log).toEqual([]);
  });

  it('finishes and commits the chunk in flight when stop begins, and leaves the rest for the next owner', async () => {
    const { payload, log, control } = batchOf([event('a'), event('b'), event('c'), event('d')]);
    const healthy = sinksFor(log);
    const sinks = sinksFor(log, {
      record: async (events) => {
        control.running = false;
        return healthy.record(events);
      },
    });

    await processor(sinks).process(payload);

    expect(log).toEqual(['record a,b', 'commit 12', 'resolve 11']);
  });

  it('retries the dead-letter topic too, and commits only once the dead letter is written', async () => {
    const { payload, log } = batchOf(['not json', event('a')]);
    let failures = 0;
    const sinks = sinksFor(log);
    const deadLetter = sinks.deadLetter;
    sinks.deadLetter = async (records) => {
      if (failures++ < 2) throw new Error('leader not available');
      return deadLetter(records);
    };

    await processor(sinks).process(payload);

    expect(log).toEqual(['record a', 'dead-letter 1', 'commit 12', 'resolve 11']);
    expect(failures).toBe(3);
  });

  it('when the command refuses a chunk as a whole for its input, dead-letters only the event responsible', async () => {
    const { payload, log } = batchOf([event('a'), event('poison'), event('b')]);
    const healthy = sinksFor(log);
    const sinks = sinksFor(log, {
      record: async (events) => {
        if (events.some((e) => (e as { eventId: string }).eventId === 'poison')) {
          log.push(`refused ${events.length}`);
          throw new DomainError('validation-failed', 'poison is not an event');
        }
        return healthy.record(events);
      },
    });

    await processor(sinks, new KafkaIngestMetrics(), 3).process(payload);

    expect(log).toEqual(['refused 3', 'record a', 'refused 1', 'record b', 'dead-letter 1', 'commit 13', 'resolve 12']);
    expect(sinks.deadLetters[0].headers).toMatchObject({ 'original-offset': '11', 'reason-code': 'rejected', reason: 'poison is not an event' });
  });
});
