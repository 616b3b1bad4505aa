import { randomUUID } from 'node:crypto';
import type { PseudonymisedEvent, RecordedEvent } from '@rung/contracts';
import type { EventStore } from '../event-store.port';

/** A valid pseudonymised event in the given stream (the stream is the subject). */
export function sampleEvent(streamId: string, overrides: Partial<PseudonymisedEvent> = {}): PseudonymisedEvent {
  return {
    eventId: randomUUID(), type: 'TrainingAccessed', schemaVersion: 1, orgId: 'rx1-trust', subjectId: streamId,
    occurredAt: '2024-03-01', source: 'esr', data: { kind: 'cpd', outcome: 'granted' }, ...overrides,
  } as PseudonymisedEvent;
}

/** A hire, whose data has optional fields, given as they should be stored. */
export function sampleHire(streamId: string, data: Record<string, unknown>): PseudonymisedEvent {
  return { ...sampleEvent(streamId), type: 'EmployeeHired', data } as PseudonymisedEvent;
}

export function sampleEvents(streamId: string, count: number): PseudonymisedEvent[] {
  return Array.from({ length: count }, () => sampleEvent(streamId));
}

export async function collect<T>(batches: AsyncIterable<T[]>): Promise<{ all: T[]; sizes: number[] }> {
  const all: T[] = [];
  const sizes: number[] = [];
  for await (const batch of batches) {
    all.push(...batch);
    sizes.push(batch.length);
  }
  return { all, sizes };
}

/** The store's events grouped by stream, each stream in the order read-all gave them. */
export async function readAllByStream(store: EventStore, batchSize?: number): Promise<Map<string, RecordedEvent[]>> {
  const byStream = new Map<string, RecordedEvent[]>();
  for (const e of (await collect(store.readAll(batchSize))).all) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
  return byStream;
}

/** What the caller sent, without what the store added. */
export function asSent({ streamId: _s, version: _v, position: _p, recordedAt: _r, ...event }: RecordedEvent): PseudonymisedEvent {
  return event as PseudonymisedEvent;
}

export function isIncreasing(values: readonly number[]): boolean {
  return values.every((v, i) => i === 0 || v > values[i - 1]);
}
