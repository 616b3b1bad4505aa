import { createHash } from 'node:crypto';
import { levelOf, validateCareerEvent, type CareerEvent } from '@rung/contracts';
import { GRADE_LADDERS } from './model';
import { Simulation } from './simulation';
import { levelOn, readHistories } from './testing/reference-reading';

const SMALL = { orgs: 2, subjects: 3000, years: 3 } as const;

function ndjsonHash(sim: Simulation): string {
  const hash = createHash('sha256');
  for (const event of sim.events()) hash.update(`${JSON.stringify(event)}\n`);
  return hash.digest('hex');
}

describe('Simulation', () => {
  let events: CareerEvent[];
  let sim: Simulation;

  beforeAll(() => {
    sim = new Simulation({ ...SMALL, orgs: 3, seed: 21 });
    events = [...sim.events()];
  });

  it('is deterministic: the same seed gives byte-identical NDJSON, another seed does not', () => {
    const first = ndjsonHash(new Simulation({ ...SMALL, seed: 42 }));
    expect(ndjsonHash(new Simulation({ ...SMALL, seed: 42 }))).toBe(first);
    expect(ndjsonHash(new Simulation({ ...SMALL, seed: 43 }))).not.toBe(first);
  });

  it('generates only events that pass validateCareerEvent, with unique ids', () => {
    const invalid = events.map((e) => ({ e, r: validateCareerEvent(e) })).filter(({ r }) => !r.ok);
    expect(invalid.slice(0, 3)).toEqual([]);
    expect(new Set(events.map((e) => e.eventId)).size).toBe(events.length);
  });

  it('produces about the requested number of subjects, across organisations on both built-in schemes', () => {
    const subjects = new Set(events.map((e) => `${e.orgId}/${e.subjectRef}`));
    expect(subjects.size).toBe(sim.summary().subjects);
    expect(subjects.size).toBeGreaterThan(SMALL.subjects * 0.85);
    expect(subjects.size).toBeLessThan(SMALL.subjects * 1.15);
    expect(new Set(events.map((e) => e.orgId))).toEqual(new Set(['sim-nhs-1', 'sim-cs-2', 'sim-nhs-3']));
    const schemes = new Set(events.flatMap((e) => (e.type === 'EmployeeHired' ? [e.data.gradeScheme] : [])));
    expect(schemes).toEqual(new Set(['afc', 'civil-service']));
  });

  it('uses grade ladders that agree with the built-in schemes', () => {
    for (const [scheme, ladder] of Object.entries(GRADE_LADDERS)) {
      for (const [level, grades] of Object.entries(ladder)) grades.forEach((g) => expect(levelOf(scheme, g)).toBe(Number(level)));
    }
  });

  it('promotes one level at a time, from the grade the subject holds', () => {
    const histories = readHistories(events);
    const promotions = events.filter((e) => e.type === 'PromotionGranted');
    expect(promotions.length).toBeGreaterThan(100);
    for (const p of promotions) {
      if (p.type !== 'PromotionGranted') continue;
      expect(levelOf(p.data.gradeScheme, p.data.toGrade)).toBe(levelOf(p.data.gradeScheme, p.data.fromGrade)! + 1);
      const h = histories.get(`${p.orgId}/${p.subjectRef}`)!;
      expect(levelOn(h, Date.parse(p.occurredAt) / 86_400_000 - 1)).toBe(levelOf(p.data.gradeScheme, p.data.fromGrade));
    }
  });

  it('takes every application through shortlisting to one outcome, and leaves external applicants unhired', () => {
    const histories = [...readHistories(events).values()];
    const applications = histories.flatMap((h) => [...h.applications.values()]);
    expect(applications.every((a) => a.outcome !== undefined)).toBe(true);
    expect(applications.filter((a) => a.shortlisted).length / applications.length).toBeGreaterThan(0.4);
    const outcomes = new Set(applications.map((a) => a.outcome));
    expect(outcomes).toEqual(new Set(['appointed', 'rejected', 'withdrawn']));
    const neverHired = histories.filter((h) => h.applications.size > 0 && h.spells.length === 0);
    expect(neverHired.length).toBeGreaterThan(100);
    const internal = events.filter((e) => e.type === 'ApplicationSubmitted' && e.data.internal).length;
    expect(internal).toBeGreaterThan(100);
  });

  it('runs a yearly mentoring cohort in a two-week window, with mentors and assessments', () => {
    const enrolments = events.filter((e) => e.type === 'ProgrammeEnrolled' && e.data.programmeKind === 'mentoring');
    const byProgramme = new Map<string, CareerEvent[]>();
    for (const e of enrolments) if (e.type === 'ProgrammeEnrolled') byProgramme.set(e.data.programmeId, [...(byProgramme.get(e.data.programmeId) ?? []), e]);
    expect([...byProgramme.keys()].sort()).toEqual(['mentoring-2020', 'mentoring-2021', 'mentoring-2022']);
    for (const cohort of byProgramme.values()) {
      const days = cohort.map((e) => Date.parse(e.occurredAt) / 86_400_000);
      expect(Math.max(...days) - Math.min(...days)).toBeLessThan(14);
      expect(cohort.some((e) => e.type === 'ProgrammeEnrolled' && e.data.role === 'mentor')).toBe(true);
    }
    expect(events.some((e) => e.type === 'AssessmentRecorded' && e.data.phase === 'post')).toBe(true);
  });

  it('names each mentoring participant\'s mentor (schema version 2): a mentor of the same programme and organisation, each mentoring about three', () => {
    const enrolments = events.flatMap((e) => (e.type === 'ProgrammeEnrolled' && e.data.programmeKind === 'mentoring' ? [e] : []));
    const mentors = new Set(enrolments.filter((e) => e.data.role === 'mentor').map((e) => `${e.orgId}/${e.data.programmeId}/${e.subjectRef}`));
    const participants = enrolments.filter((e) => e.data.role === 'participant');
    expect(participants.length).toBeGreaterThan(30);
    for (const p of participants) {
      expect({ version: p.schemaVersion, mentor: mentors.has(`${p.orgId}/${p.data.programmeId}/${p.data.mentorRef}`) }).toEqual({ version: 2, mentor: true });
    }
    const load = new Map<string, number>();
    for (const p of participants) {
      const mentor = `${p.orgId}/${p.data.programmeId}/${p.data.mentorRef}`;
      load.set(mentor, (load.get(mentor) ?? 0) + 1);
    }
    expect(Math.max(...load.values())).toBeLessThanOrEqual(3);
    expect(enrolments.filter((e) => e.data.role === 'mentor').every((e) => e.schemaVersion === 1 && e.data.mentorRef === undefined)).toBe(true);
  });

  it('records UK-like demographics in ONS codes', () => {
    const recorded = events.flatMap((e) => (e.type === 'DemographicsRecorded' && e.source !== 'recruit' && e.data.ageBand ? [e.data] : []));
    const share = (test: (d: (typeof recorded)[number]) => boolean): number => recorded.filter(test).length / recorded.length;
    expect(share((d) => d.ethnicity === 'white-british')).toBeGreaterThan(0.65);
    expect(share((d) => d.ethnicity === 'white-british')).toBeLessThan(0.8);
    expect(share((d) => d.ethnicity === 'asian-indian')).toBeGreaterThan(0.015);
    expect(share((d) => d.migrantGeneration === 'first')).toBeGreaterThan(0.05);
    expect(share((d) => d.sex === 'female')).toBeGreaterThan(0.55);
    expect(new Set(recorded.map((d) => d.ageBand)).size).toBe(6);
  });

  it('sends some events late, out of business order, and retracts wrongly keyed ones of the same subject', () => {
    let late = 0;
    let latest = '';
    for (const e of events) {
      if (e.occurredAt < latest && e.occurredAt >= '2020-04-01') late += 1;
      if (e.occurredAt > latest) latest = e.occurredAt;
    }
    expect(late / events.length).toBeGreaterThan(0.01);
    const byId = new Map(events.map((e) => [e.eventId, e]));
    const retractions = events.filter((e) => e.type === 'EventRetracted');
    expect(retractions.length).toBeGreaterThan(10);
    for (const e of retractions) {
      if (e.type !== 'EventRetracted') continue;
      const target = byId.get(e.data.retractedEventId)!;
      expect([target.orgId, target.subjectRef]).toEqual([e.orgId, e.subjectRef]);
      expect(target.occurredAt < e.occurredAt).toBe(true);
    }
  });

  it('sends a retraction after the event it retracts, even when that event is sent late', () => {
    const lateAndRetracted = [...new Simulation({ orgs: 1, subjects: 500, years: 2, seed: 5, lateShare: 0.5, retractionRate: 0.5 }).events()];
    const arrival = new Map(lateAndRetracted.map((e, i) => [e.eventId, i]));
    const retractions = lateAndRetracted.flatMap((e) => (e.type === 'EventRetracted' ? [e] : []));
    expect(retractions.length).toBeGreaterThan(50);
    expect(retractions.filter((e) => arrival.get(e.data.retractedEventId)! > arrival.get(e.eventId)!)).toEqual([]);
  });

  it('runs once only', () => {
    expect(() => [...sim.events()]).toThrow(/runs once/);
  });
});
