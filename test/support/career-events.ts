import { randomUUID } from 'node:crypto';
import { CURRENT_SCHEMA_VERSIONS, EXAMPLE_DATA, type EventDataByType, type EventType } from '@rung/contracts';

/** A valid `data` of each type: the contract's documented examples, with a grade change on the AfC scale like the rest. */
export const SAMPLE_DATA: { [T in EventType]: EventDataByType[T] } = {
  ...EXAMPLE_DATA,
  GradeChanged: { fromGrade: '6', toGrade: '6', gradeScheme: 'afc', reason: 'lateral' },
};

export interface RawEvent {
  eventId: string;
  type: string;
  schemaVersion: number;
  orgId: string;
  subjectRef: string;
  occurredAt: string;
  source: string;
  data: Record<string, unknown>;
  [extra: string]: unknown;
}

/** A valid raw event of §4, as HR would send it, at its type's current schema version, with any field overridden. */
export function rawEvent<T extends EventType>(type: T, overrides: Partial<RawEvent> = {}, data: Partial<EventDataByType[T]> = {}): RawEvent {
  return {
    eventId: randomUUID(),
    type,
    schemaVersion: CURRENT_SCHEMA_VERSIONS[type],
    orgId: 'rx1-trust',
    subjectRef: 'E123456',
    occurredAt: '2024-03-01',
    source: 'esr',
    data: { ...SAMPLE_DATA[type], ...data } as Record<string, unknown>,
    ...overrides,
  };
}

/** A plausible career: hire, demographics, then a few promotions and applications, in business order. */
export function careerOf(subjectRef: string, orgId = 'rx1-trust', events = 5): RawEvent[] {
  const base = { subjectRef, orgId };
  const list: RawEvent[] = [
    rawEvent('EmployeeHired', { ...base, occurredAt: '2019-04-01' }, { grade: '3' }),
    rawEvent('DemographicsRecorded', { ...base, occurredAt: '2019-04-01' }),
  ];
  for (let i = 2; i < events; i += 1) {
    const year = 2019 + i;
    list.push(rawEvent('TrainingAccessed', { ...base, occurredAt: `${year}-06-0${1 + (i % 9)}` }));
  }
  return list.slice(0, events);
}
