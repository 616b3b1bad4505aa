import { randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSIONS, type EventDataByType, type EventType, type RecordedEvent } from '@rung/contracts';
import { SAMPLE_DATA } from './career-events';

/** Builds a subject's stream for fold tests: positions and versions follow the order given. */
export class StreamBuilder {
  private readonly events: RecordedEvent[] = [];

  constructor(
    readonly subjectId = 'subject-1',
    readonly orgId = 'rx1-trust',
  ) {}

  add<T extends EventType>(type: T, occurredAt: string, data: Partial<EventDataByType[T]> = {}, eventId: string = randomUUID()): RecordedEvent {
    const version = this.events.length + 1;
    const event = {
      eventId, type, schemaVersion: CURRENT_SCHEMA_VERSIONS[type], orgId: this.orgId, subjectId: this.subjectId, occurredAt, source: 'esr',
      data: { ...SAMPLE_DATA[type], ...data }, streamId: this.subjectId, version, position: version * 10,
      recordedAt: '2026-01-01T00:00:00.000Z',
    } as RecordedEvent;
    this.events.push(event);
    return event;
  }

  all(): RecordedEvent[] {
    return [...this.events];
  }
}
