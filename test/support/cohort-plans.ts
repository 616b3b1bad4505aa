import type { EthnicityCode, ProgrammeKind } from '@rung/contracts';
import { rawEvent, type RawEvent } from './career-events';

/** One subject's career, planned with known dates, so tests can work out follow-up on their own. */
export interface PlannedSubject {
  subjectRef: string;
  orgId: string;
  hiredAt: string;
  /** An AfC band; '5' is level 2, '6' level 3. */
  grade: string;
  ethnicity: EthnicityCode;
  enrolledAt?: string;
  programmeKind?: ProgrammeKind;
  /** A promotion from band 5 to band 6 (level 2 → 3). */
  promotedAt?: string;
  leftAt?: string;
}

export function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** The §4 events of a planned career. */
export function plannedEvents(s: PlannedSubject): RawEvent[] {
  const base = { subjectRef: s.subjectRef, orgId: s.orgId };
  const events = [
    rawEvent('EmployeeHired', { ...base, occurredAt: s.hiredAt }, { grade: s.grade, gradeScheme: 'afc' }),
    rawEvent('DemographicsRecorded', { ...base, occurredAt: s.hiredAt }, { ethnicity: s.ethnicity }),
  ];
  if (s.enrolledAt) {
    events.push(rawEvent('ProgrammeEnrolled', { ...base, occurredAt: s.enrolledAt }, {
      programmeId: `${s.programmeKind ?? 'mentoring'}-24`, programmeKind: s.programmeKind ?? 'mentoring', role: 'participant',
    }));
  }
  if (s.promotedAt) {
    events.push(rawEvent('PromotionGranted', { ...base, occurredAt: s.promotedAt }, { fromGrade: '5', toGrade: '6', gradeScheme: 'afc', basis: 'competitive' }));
  }
  if (s.leftAt) events.push(rawEvent('EmployeeLeft', { ...base, occurredAt: s.leftAt }, { reason: 'voluntary' }));
  return events;
}

const ETHNICITIES: EthnicityCode[] = ['black-african', 'white-british', 'asian-indian', 'white-irish', 'mixed-other'];

/**
 * Two arms for a study in 2024, plus a tiny third cohort:
 * - `mentored`: 40 band-5 staff hired in 2020, enrolled on mentoring in January 2024;
 * - `comparison`: 40 band-5 staff hired between January and March 2024;
 * - `coached`: 3 staff enrolled on coaching (a cohort too small to show).
 * Promotions and leavings are spread over the following months, some on the same day (ties).
 */
export function studyPlan(orgId = 'rx1-trust'): { mentored: PlannedSubject[]; comparison: PlannedSubject[]; coached: PlannedSubject[] } {
  const mentored = Array.from({ length: 40 }, (_, i): PlannedSubject => {
    const enrolledAt = addDays('2024-01-15', i % 10);
    return {
      subjectRef: `M${100 + i}`, orgId, hiredAt: '2020-01-06', grade: '5', ethnicity: ETHNICITIES[i % ETHNICITIES.length],
      enrolledAt, programmeKind: 'mentoring',
      ...(i % 3 === 0 ? { promotedAt: addDays(enrolledAt, 30 * ((i % 12) + 1)) } : {}),
      ...(i % 5 === 1 ? { leftAt: addDays(enrolledAt, 45 * ((i % 7) + 1)) } : {}),
    };
  });
  const comparison = Array.from({ length: 40 }, (_, i): PlannedSubject => {
    const hiredAt = addDays('2024-01-10', 2 * i);
    return {
      subjectRef: `C${100 + i}`, orgId, hiredAt, grade: '5', ethnicity: ETHNICITIES[(i + 1) % ETHNICITIES.length],
      ...(i % 4 === 0 ? { promotedAt: addDays(hiredAt, 60 * ((i % 9) + 1)) } : {}),
      ...(i % 3 === 1 ? { leftAt: addDays(hiredAt, 40 * ((i % 8) + 1)) } : {}),
    };
  });
  const coached = Array.from({ length: 3 }, (_, i): PlannedSubject => ({
    subjectRef: `K${100 + i}`, orgId, hiredAt: '2021-05-04', grade: '5', ethnicity: 'white-british', enrolledAt: '2024-02-01', programmeKind: 'coaching',
  }));
  return { mentored, comparison, coached };
}
