import { StreamBuilder } from '@rung/testing';
import { canEvolveIncrementally, evolveAll, foldTimeline } from './subject-timeline.fold';

const fold = (s: StreamBuilder) => foldTimeline(s.subjectId, s.orgId, s.all());

describe('subject timeline fold', () => {
  it('given a hire, a promotion and a leaving, then it has one closed spell and the grade history with levels', () => {
    const s = new StreamBuilder();
    s.add('EmployeeHired', '2020-01-06', { grade: '5', gradeScheme: 'afc', contractType: 'permanent' });
    s.add('PromotionGranted', '2022-03-01', { fromGrade: '5', toGrade: '6', basis: 'competitive' });
    s.add('EmployeeLeft', '2024-05-31', { reason: 'retirement' });

    const t = fold(s);

    expect(t.version).toBe(3);
    expect(t.spells).toEqual([{ hiredAt: '2020-01-06', leftAt: '2024-05-31', leavingReason: 'retirement', contractType: 'permanent', jobFamily: 'nursing', fte: 1 }]);
    expect(t.grades.map((g) => [g.from, g.grade, g.level, g.change])).toEqual([
      ['2020-01-06', '5', 2, 'hire'],
      ['2022-03-01', '6', 3, 'promotion'],
    ]);
    expect(t.promotions).toEqual([{ at: '2022-03-01', fromGrade: '5', toGrade: '6', gradeScheme: 'afc', fromLevel: 2, toLevel: 3, basis: 'competitive' }]);
  });

  it('given a late event, when folded, then the timeline is as if it had arrived on time', () => {
    const late = new StreamBuilder();
    late.add('EmployeeHired', '2020-01-06', { grade: '5' });
    late.add('PromotionGranted', '2023-01-01', { fromGrade: '6', toGrade: '7' });
    late.add('PromotionGranted', '2021-06-01', { fromGrade: '5', toGrade: '6' });
    const onTime = new StreamBuilder();
    onTime.add('EmployeeHired', '2020-01-06', { grade: '5' });
    onTime.add('PromotionGranted', '2021-06-01', { fromGrade: '5', toGrade: '6' });
    onTime.add('PromotionGranted', '2023-01-01', { fromGrade: '6', toGrade: '7' });

    expect(fold(late).promotions).toEqual(fold(onTime).promotions);
    expect(fold(late).grades.map((g) => g.grade)).toEqual(['5', '6', '7']);
  });

  it('given events on the same day, then arrival order breaks the tie', () => {
    const s = new StreamBuilder();
    s.add('DemographicsRecorded', '2022-01-01', { ethnicity: 'asian-indian' });
    s.add('DemographicsRecorded', '2022-01-01', { ethnicity: 'asian-other', sex: undefined });
    expect(fold(s).demographics.ethnicity).toBe('asian-other');
  });

  it('given demographics recorded over time, then the latest value of each field wins in business order', () => {
    const s = new StreamBuilder();
    s.add('DemographicsRecorded', '2023-01-01', { ethnicity: 'white-irish', sex: undefined, ageBand: undefined, migrantGeneration: undefined, disability: undefined });
    s.add('DemographicsRecorded', '2021-01-01', { ethnicity: 'not-stated', sex: 'male', ageBand: '25-34', migrantGeneration: 'second', disability: 'yes' });
    expect(fold(s).demographics).toEqual({ ethnicity: 'white-irish', sex: 'male', ageBand: '25-34', migrantGeneration: 'second', disability: 'yes' });
  });

  it('given a retraction, then the retracted event and the retraction drop out', () => {
    const s = new StreamBuilder();
    s.add('EmployeeHired', '2020-01-06', { grade: '5' });
    const wrong = s.add('PromotionGranted', '2021-01-01', { fromGrade: '5', toGrade: '6' });
    s.add('EventRetracted', '2021-02-01', { retractedEventId: wrong.eventId, reason: 'keyed-in-error' });

    const t = fold(s);

    expect(t.promotions).toEqual([]);
    expect(t.grades.map((g) => g.grade)).toEqual(['5']);
    expect(t.retractedEventIds).toEqual([wrong.eventId]);
  });

  it('given a retraction that arrives before the event it retracts, then the event still drops out', () => {
    const s = new StreamBuilder();
    s.add('EventRetracted', '2021-02-01', { retractedEventId: '6a0e3c1e-0000-4000-8000-000000000001', reason: 'dup' });
    s.add('TrainingAccessed', '2021-01-01', {}, '6a0e3c1e-0000-4000-8000-000000000001');
    expect(fold(s).training).toEqual([]);
  });

  it('given an application through shortlisting to appointment, then it records each stage and the level applied from', () => {
    const s = new StreamBuilder();
    s.add('EmployeeHired', '2020-01-06', { grade: '5' });
    s.add('ApplicationSubmitted', '2021-01-10', { applicationId: 'a1', targetGrade: '7' });
    s.add('ApplicationShortlisted', '2021-01-20', { applicationId: 'a1' });
    s.add('ApplicationOutcome', '2021-02-01', { applicationId: 'a1', outcome: 'appointed', stage: 'offer' });

    expect(fold(s).applications).toEqual([{
      applicationId: 'a1', vacancyRef: 'vac-9', targetGrade: '7', gradeScheme: 'afc', targetLevel: 4, levelAtApplication: 2,
      internal: true, submittedAt: '2021-01-10', shortlistedAt: '2021-01-20', outcome: 'appointed', outcomeAt: '2021-02-01', stage: 'offer',
    }]);
  });

  it('given an external applicant who is never hired, then the timeline has the application and no spell', () => {
    const s = new StreamBuilder();
    s.add('ApplicationSubmitted', '2021-01-10', { applicationId: 'x1', internal: false });
    s.add('ApplicationOutcome', '2021-02-01', { applicationId: 'x1', outcome: 'rejected', stage: 'shortlisting' });
    const t = fold(s);
    expect(t.spells).toEqual([]);
    expect(t.applications[0]).toMatchObject({ internal: false, levelAtApplication: null, outcome: 'rejected' });
  });

  it('given programme enrolment, completion and a later withdrawal elsewhere, then each participation is tracked', () => {
    const s = new StreamBuilder();
    s.add('ProgrammeEnrolled', '2024-01-15', { programmeId: 'm1', programmeKind: 'mentoring', role: 'participant', mentorRef: undefined });
    s.add('ProgrammeEnrolled', '2024-02-01', { programmeId: 'c1', programmeKind: 'coaching', role: 'participant', protectedTime: undefined, mentorRef: undefined });
    s.add('ProgrammeCompleted', '2024-07-15', { programmeId: 'm1' });
    s.add('ProgrammeWithdrawn', '2024-03-01', { programmeId: 'c1', reason: 'workload' });

    expect(fold(s).programmes).toEqual([
      { programmeId: 'm1', programmeKind: 'mentoring', role: 'participant', protectedTime: true, enrolledAt: '2024-01-15', completedAt: '2024-07-15', withdrawnAt: null, withdrawalReason: null },
      { programmeId: 'c1', programmeKind: 'coaching', role: 'participant', protectedTime: null, enrolledAt: '2024-02-01', completedAt: null, withdrawnAt: '2024-03-01', withdrawalReason: 'workload' },
    ]);
  });

  it('given a v2 enrolment naming a mentor and a coach, then the participation keeps their pseudonyms; given a v1 enrolment, then it has neither', () => {
    const s = new StreamBuilder();
    s.add('ProgrammeEnrolled', '2024-01-15', { programmeId: 'm1', mentorRef: 'mentor-pseudonym', coachRef: 'coach-pseudonym' });
    s.add('ProgrammeEnrolled', '2024-02-01', { programmeId: 'm2', mentorRef: undefined });

    const [named, unnamed] = fold(s).programmes;

    expect(named).toMatchObject({ programmeId: 'm1', mentorRef: 'mentor-pseudonym', coachRef: 'coach-pseudonym' });
    expect(unnamed.programmeId).toBe('m2');
    expect('mentorRef' in unnamed || 'coachRef' in unnamed).toBe(false);
  });

  it('given a rehire after leaving, then there are two spells', () => {
    const s = new StreamBuilder();
    s.add('EmployeeHired', '2018-01-01', { grade: '4' });
    s.add('EmployeeLeft', '2019-01-01', { reason: 'end-of-contract' });
    s.add('EmployeeHired', '2020-01-01', { grade: '5' });
    expect(fold(s).spells.map((x) => [x.hiredAt, x.leftAt])).toEqual([['2018-01-01', '2019-01-01'], ['2020-01-01', null]]);
  });

  it('given training, assessments and a disciplinary case, then they are listed with their dates', () => {
    const s = new StreamBuilder();
    s.add('TrainingAccessed', '2022-01-01', { kind: 'cpd', outcome: 'declined' });
    s.add('AssessmentRecorded', '2022-02-01', { score: 4 });
    s.add('DisciplinaryCaseOpened', '2022-03-01', { caseKind: undefined });
    const t = fold(s);
    expect(t.training).toEqual([{ at: '2022-01-01', kind: 'cpd', outcome: 'declined' }]);
    expect(t.assessments).toEqual([{ at: '2022-02-01', instrument: 'confidence-self', phase: 'baseline', score: 4, scaleMin: 1, scaleMax: 5 }]);
    expect(t.disciplinaryCases).toEqual([{ openedAt: '2022-03-01', caseKind: null }]);
  });

  describe('incremental evolution', () => {
    it('given events that continue the stream in business order, then evolving equals folding', () => {
      const s = new StreamBuilder();
      s.add('EmployeeHired', '2020-01-06', { grade: '5' });
      const first = fold(s);
      const next = [s.add('PromotionGranted', '2021-01-01'), s.add('TrainingAccessed', '2021-02-01')];
      expect(canEvolveIncrementally(first, next)).toBe(true);
      expect(evolveAll(first, next)).toEqual(fold(s));
    });

    it('given a backdated event, a retraction or a gap in versions, then it must fold again', () => {
      const s = new StreamBuilder();
      const hire = s.add('EmployeeHired', '2020-01-06');
      const t = fold(s);
      const other = new StreamBuilder();
      other.add('EmployeeHired', '2020-01-06');
      expect(canEvolveIncrementally(t, [s.add('TrainingAccessed', '2019-01-01')])).toBe(false);
      expect(canEvolveIncrementally(t, [{ ...other.add('EventRetracted', '2021-01-01', { retractedEventId: hire.eventId }), version: 2 }])).toBe(false);
      expect(canEvolveIncrementally(t, [{ ...other.add('TrainingAccessed', '2021-01-01'), version: 3 }])).toBe(false);
    });
  });
});
