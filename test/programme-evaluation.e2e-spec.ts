import { rawEvent, startTestApp, type RawEvent, type TestApp } from './support';

/**
 * A mentoring evaluation from cohorts to adjusted hazard ratios, over real HTTP (§12): mentees against
 * staff in post who had not been mentored (participants excluded, later enrolees censored at
 * enrolment), with monitoring, assessments, applications, the headline table and adjusted effects,
 * as JSON and CSV.
 */
const ORG = 'rx1-trust';

interface Person { ref: string; ethnicity: 'black-african' | 'white-british'; grade: '5' | '6'; sex: 'female' | 'male' }

function person(prefix: string, i: number): Person {
  return { ref: `${prefix}${i}`, ethnicity: i % 2 === 0 ? 'black-african' : 'white-british', grade: i % 3 === 0 ? '6' : '5', sex: i % 4 < 2 ? 'female' : 'male' };
}

function staff(p: Person): RawEvent[] {
  const base = { subjectRef: p.ref, orgId: ORG };
  return [
    rawEvent('EmployeeHired', { ...base, occurredAt: '2019-04-01' }, { grade: p.grade, gradeScheme: 'afc' }),
    rawEvent('DemographicsRecorded', { ...base, occurredAt: '2019-04-01' }, { ethnicity: p.ethnicity, sex: p.sex, ageBand: '35-44' }),
  ];
}

const at = (ref: string, occurredAt: string) => ({ subjectRef: ref, orgId: ORG, occurredAt });
const promoted = (p: Person, on: string): RawEvent =>
  rawEvent('PromotionGranted', at(p.ref, on), { fromGrade: p.grade, toGrade: p.grade === '5' ? '6' : '7', gradeScheme: 'afc', basis: 'competitive' });
const assessed = (ref: string, on: string, phase: 'baseline' | 'post' | 'follow-up', score: number): RawEvent =>
  rawEvent('AssessmentRecorded', at(ref, on), { instrument: 'confidence-self', phase, score, scaleMin: 1, scaleMax: 5 });

/** 40 mentees enrolled on 2023-03-01, 60 comparison staff of whom 10 enrol later, and two mentors. */
function organisation(): RawEvent[] {
  const events: RawEvent[] = [];
  const mentors = [person('MENTOR', 0), person('MENTOR', 1)];
  for (const m of mentors) events.push(...staff(m), rawEvent('ProgrammeEnrolled', at(m.ref, '2023-02-01'), { programmeId: 'mentor-23', programmeKind: 'mentoring', role: 'mentor', protectedTime: false }));
  for (let i = 0; i < 40; i++) {
    const p = person('MENTEE', i);
    events.push(...staff(p), rawEvent('ProgrammeEnrolled', at(p.ref, '2023-03-01'), {
      programmeId: 'mentor-23', programmeKind: 'mentoring', role: 'participant', protectedTime: i % 2 === 0, mentorRef: mentors[i % 2].ref,
    }));
    events.push(assessed(p.ref, '2023-02-20', 'baseline', 2), assessed(p.ref, '2023-09-01', 'post', i % 5 === 0 ? 4 : 3));
    if (i % 2 === 0) events.push(promoted(p, `2023-${String(6 + (i % 6)).padStart(2, '0')}-15`));
    if (i % 4 === 1) {
      events.push(rawEvent('ApplicationSubmitted', at(p.ref, '2023-07-01'), { applicationId: `app-${i}`, vacancyRef: `vac-${i}`, targetGrade: '7', gradeScheme: 'afc', internal: true }));
      events.push(rawEvent('ApplicationOutcome', at(p.ref, '2023-08-01'), { applicationId: `app-${i}`, outcome: 'appointed', stage: 'interview' }));
    }
  }
  for (let i = 0; i < 60; i++) {
    const p = person('STAFF', i);
    events.push(...staff(p));
    if (i % 3 === 0) events.push(promoted(p, `2023-${String(4 + (i % 8)).padStart(2, '0')}-10`));
    if (i >= 50) events.push(rawEvent('ProgrammeEnrolled', at(p.ref, '2023-09-01'), { programmeId: 'mentor-23b', programmeKind: 'mentoring', role: 'participant', protectedTime: false }));
  }
  return events;
}

describe('a mentoring evaluation over HTTP: from cohorts to the adjusted hazard ratio', () => {
  let t: TestApp;
  let studyId: string;
  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    await t.as('ingest').post('/v1/events').send({ events: organisation() }).expect(200);
    const define = async (body: object): Promise<string> => (await t.as('exact').post('/v1/cohorts').send(body).expect(201)).body.id;
    const mentored = await define({
      name: 'Mentees 2023', orgIds: [ORG], entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', role: 'participant', between: ['2023-01-01', '2023-06-30'] },
    });
    const comparison = await define({
      name: 'Not mentored', orgIds: [ORG], entry: { on: 'employed', at: '2023-03-01' },
      exclude: { programmeKind: 'mentoring', role: 'participant', censorAtEnrolment: true },
    });
    studyId = (await t.as('exact').post('/v1/studies').send({
      name: 'Mentoring 2023', arms: [{ name: 'comparison', cohortId: comparison }, { name: 'mentored', cohortId: mentored }],
      outcomes: ['promotion', 'exit'], horizonMonths: 24, interval: 'quarter', checkpointsMonths: [6, 12],
      adjust: ['levelAtEntry', { grouping: 'wres' }, 'sex'], applicationsWithinMonths: 12,
    }).expect(201)).body.id;
  });
  afterAll(() => t.close());

  const report = (query = '') => t.as('exact').get(`/v1/studies/${studyId}/report?asOf=2025-03-01${query}`).expect(200);

  it('reads programme monitoring as JSON and CSV', async () => {
    const url = `/v1/programmes/${ORG}/monitoring?from=2023-01-01&to=2023-12-31&programmeKind=mentoring`;
    const json = await t.as('exact').get(url).expect(200);
    expect(JSON.stringify(json.body)).toContain('mentor-23');
    const csv = await t.as('exact').get(`${url}&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
  });

  it('gives the comparison arm only the untreated, and the headline table at 6 and 12 months for each arm and outcome', async () => {
    const body = (await report()).body;
    // Everyone in post on 2023-03-01 but the mentees, who enrolled that day: the 60 staff and the two mentors.
    expect(body.arms.map((a: { name: string; size: number }) => [a.name, a.size])).toEqual([['comparison', 62], ['mentored', 40]]);
    expect(body.headline.months).toEqual([6, 12]);
    expect(body.headline.cells).toHaveLength(2 * 2 * 2);
    expect(body.headline.differences).toHaveLength(2 * 2);
    const promotion12 = body.headline.cells.find((c: { outcome: string; arm: string; month: number }) => c.outcome === 'promotion' && c.arm === 'mentored' && c.month === 12);
    expect(promotion12).toMatchObject({ estimand: 'cumulative-incidence', estimate: 0.5, suppressed: false });
    const csv = (await report('&format=csv&part=headline')).text.trim().split('\r\n');
    expect(csv[0]).toBe('outcome,estimand,month,arm,compared_with,measure,value,lower,upper,suppressed,reason');
    expect(csv).toHaveLength(1 + 8 + 4);
  });

  it('gives the log-rank tests, rates and rate ratios as the comparisons CSV, equal to the JSON', async () => {
    const body = (await report()).body;
    const rows = (await report('&format=csv&part=comparisons')).text.trim().split('\r\n').map((l: string) => l.split(','));
    expect(rows[0].join(',')).toBe('outcome,method,arm,compared_with,measure,value,lower,upper,df,p_value,suppressed');
    const promotion = body.logRank.find((l: { outcome: string }) => l.outcome === 'promotion');
    expect(rows.find((r: string[]) => r[0] === 'promotion' && r[4] === 'chi-square')).toEqual(['promotion', 'log-rank', '', '', 'chi-square', String(promotion.chiSquare), '', '', '1', String(promotion.pValue), '0']);
    const ratio = body.rateRatios.find((r: { outcome: string }) => r.outcome === 'promotion');
    expect(rows.find((r: string[]) => r[0] === 'promotion' && r[4] === 'rate-ratio')?.slice(2, 8)).toEqual(['mentored', 'comparison', 'rate-ratio', String(ratio.ratio), String(ratio.lower), String(ratio.upper)]);
  });

  it('reports hazard ratios of the mentored arm, unadjusted and adjusted for level, group and sex, as JSON and CSV', async () => {
    const [promotion] = (await report()).body.adjustedEffects;
    expect(promotion).toMatchObject({ outcome: 'promotion', adjustedFor: ['levelAtEntry', 'grouping:wres', 'sex'], n: 102, reason: null });
    expect(promotion.arms[0]).toMatchObject({ arm: 'mentored', reference: 'comparison' });
    expect(promotion.arms[0].adjusted.hazardRatio).toBeGreaterThan(0);
    expect(promotion.arms[0].unadjusted.hazardRatio).toBeGreaterThan(0);
    expect(promotion.covariates.map((c: { term: string }) => c.term)).toEqual(expect.arrayContaining(['grouping:wres', 'sex']));
    const csv = (await report('&format=csv&part=adjusted-effects')).text;
    expect(csv.split('\r\n')[0]).toBe('outcome,model,adjusted_for,term,level,reference,hazard_ratio,lower,upper,p_value,suppressed,reason');
    expect(csv).toContain('promotion,adjusted,levelAtEntry+grouping:wres+sex,arm,mentored,comparison,');
  });

  it('reports the mean change in confidence from baseline to post, rescaled to 0–1, and applications after enrolment', async () => {
    const body = (await report()).body;
    const post = body.assessments.changes.find((c: { arm: string; instrument: string; change: string }) => c.arm === 'mentored' && c.instrument === 'confidence-self' && c.change === 'baseline-to-post');
    // 32 mentees move from 2 to 3 and 8 from 2 to 4, on a 1–5 scale: (32 × 0.25 + 8 × 0.5) / 40.
    expect(post).toMatchObject({ n: 40, method: 'paired-t', suppressed: false });
    expect(post.meanChange).toBeCloseTo(0.3, 12);
    const mentored = body.applications.arms.find((a: { arm: string }) => a.arm === 'mentored');
    expect(mentored.overall).toMatchObject({ n: 40, applied: { count: 10 }, appointed: { count: 10 } });
    expect((await report('&format=csv&part=assessments')).text).toContain('confidence-self,baseline-to-post,mentored,');
    expect((await report('&format=csv&part=applications')).text.split('\r\n')[0]).toBe('window_months,arm,scope,group,measure,count,denominator,share,suppressed');
  });

  it('freezes the headline table and the adjusted effects with a checkpoint', async () => {
    const frozen = (await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/6`).expect(200)).body;
    expect(frozen.report.headline.months).toEqual([6]);
    expect(frozen.report.adjustedEffects).toHaveLength(2);
    await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/6?format=csv&part=headline`).expect(200);
    await t.as('exact').get(`/v1/studies/${studyId}/report?part=everything&format=csv`).expect(422);
  });
});
