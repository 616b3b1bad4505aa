import { rawEvent, type RawEvent } from '../career-events';

/** Ten events of one career over all five topics, in business order. */
export function careerOnKafka(orgId: string, subjectRef: string): RawEvent[] {
  const base = { orgId, subjectRef };
  return [
    rawEvent('EmployeeHired', { ...base, occurredAt: '2019-04-01' }, { grade: '5' }),
    rawEvent('DemographicsRecorded', { ...base, occurredAt: '2019-04-01' }),
    rawEvent('TrainingAccessed', { ...base, occurredAt: '2020-02-01' }),
    rawEvent('ApplicationSubmitted', { ...base, occurredAt: '2020-09-01' }, { targetGrade: '6' }),
    rawEvent('ApplicationShortlisted', { ...base, occurredAt: '2020-09-20' }),
    rawEvent('ApplicationOutcome', { ...base, occurredAt: '2020-10-15' }),
    rawEvent('PromotionGranted', { ...base, occurredAt: '2020-11-01' }),
    rawEvent('ProgrammeEnrolled', { ...base, occurredAt: '2021-01-10' }),
    rawEvent('ProgrammeCompleted', { ...base, occurredAt: '2021-07-10' }),
    rawEvent('TrainingAccessed', { ...base, occurredAt: '2021-09-01' }, { kind: 'cpd' }),
  ];
}

/** The careers of subjects S<from> to S<from+count-1>: ten events each, over all five topics. */
export function careersOnKafka(orgId: string, from: number, count: number): RawEvent[] {
  return Array.from({ length: count }, (_, i) => careerOnKafka(orgId, `S${from + i}`)).flat();
}
