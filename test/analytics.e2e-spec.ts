import { AnalyticsReader, MaterialiseJob } from '@rung/analytics';
import { aalenJohansen, kaplanMeier, logRank, type CompetingObservation } from '@rung/stats';
import {
  addDays, daysBetween, plannedEvents, rawEvent, startTestApp, studyPlan, type PlannedSubject, type TestApp,
} from '@rung/testing';

const AS_OF = '2025-06-30';
const K = 5;

type Status = CompetingObservation['status'];

/** Follow-up worked out from the plan alone: the oracle the report is checked against. */
function expectedFollowUp(s: PlannedSubject, timeZero: string, outcome: 'promotion' | 'exit' | 'level-3', horizonDays: number): CompetingObservation {
  const end = Math.min(daysBetween(timeZero, AS_OF), horizonDays);
  const leave = s.leftAt ? daysBetween(timeZero, s.leftAt) : undefined;
  if (outcome === 'exit') return leave !== undefined && leave <= end ? { time: leave, status: 'event' } : { time: end, status: 'censored' };
  const event = s.promotedAt ? daysBetween(timeZero, s.promotedAt) : undefined;
  if (event !== undefined && event > 0 && event <= end && (leave === undefined || event <= leave)) return { time: event, status: 'event' };
  if (leave !== undefined && leave <= end) return { time: leave, status: 'competing' as Status };
  return { time: end, status: 'censored' };
}

interface CurveRow {
  time: number;
  atRisk: number | null;
  events: number | null;
  estimate: number | null;
  stdErr: number | null;
  lower: number | null;
  upper: number | null;
  suppressed: boolean;
}

interface Trajectory {
  arm: string;
  outcome: string;
  estimator: string;
  n: number | null;
  curve: CurveRow[];
  table: Array<{ atRisk: number | null; events: number | null; censored: number | null; suppressed: boolean }>;
}

function expectCurveToMatch(actual: CurveRow[], expected: ReadonlyArray<{ time: number; atRisk: number; estimate: number; stdErr: number | null; lower: number | null; upper: number | null }>): void {
  expect(actual.map((r) => r.time)).toEqual(expected.map((r) => r.time));
  actual.forEach((row, i) => {
    const want = expected[i];
    if (want.atRisk < K) {
      expect(row).toMatchObject({ atRisk: null, estimate: null, stdErr: null, lower: null, upper: null, suppressed: true });
      return;
    }
    expect(row.atRisk).toBe(want.atRisk);
    if (row.suppressed) {
      // A row whose counts are withheld withholds its estimate too: the step would give them back.
      expect(row).toMatchObject({ estimate: null, stdErr: null, lower: null, upper: null });
      return;
    }
    expect(row.estimate).toBeCloseTo(want.estimate, 12);
    for (const key of ['stdErr', 'lower', 'upper'] as const) {
      if (want[key] === null) expect(row[key]).toBeNull();
      else expect(row[key]).toBeCloseTo(want[key] as number, 12);
    }
  });
}

/** A minimal RFC 4180 reader, enough for the export (no embedded newlines). */
function parseCsv(text: string): string[][] {
  return text.trimEnd().split('\r\n').map((line) => {
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const ch = line[i];
      if (quoted) {
        if (ch === '"' && line[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false; else cell += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ',') { cells.push(cell); cell = ''; } else cell += ch;
    }
    cells.push(cell);
    return cells;
  });
}

describe('cohorts, studies, reports, indicators and trends over HTTP', () => {
  let t: TestApp;
  const plan = studyPlan();

  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    const events = [...plan.mentored, ...plan.comparison, ...plan.coached].flatMap(plannedEvents);
    for (let i = 0; i < events.length; i += 500) await t.as('ingest').post('/v1/events').send({ events: events.slice(i, i + 500) }).expect(200);
  });
  afterAll(async () => {
    await t.close();
  });

  const defineCohort = async (body: object): Promise<string> => (await t.as('exact').post('/v1/cohorts').send(body).expect(201)).body.id;

  async function defineStudy(overrides: object = {}): Promise<{ studyId: string; mentoredId: string; comparisonId: string; coachedId: string }> {
    const mentoredId = await defineCohort({
      name: 'Mentoring participants 2024', orgIds: ['rx1-trust'],
      entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', role: 'participant', between: ['2024-01-01', '2024-06-30'] },
      where: { levelAtEntry: { min: 1, max: 2 } },
    });
    const comparisonId = await defineCohort({
      name: 'New starters 2024', orgIds: ['rx1-trust'], entry: { on: 'EmployeeHired', between: ['2024-01-01', '2024-06-30'] },
    });
    const coachedId = await defineCohort({
      name: 'Coaching 2024', orgIds: ['rx1-trust'], entry: { on: 'ProgrammeEnrolled', programmeKind: 'coaching', between: ['2024-01-01', '2024-06-30'] },
    });
    const study = await t.as('exact').post('/v1/studies').send({
      name: 'Mentoring vs new starters', arms: [{ name: 'mentored', cohortId: mentoredId }, { name: 'comparison', cohortId: comparisonId }],
      outcomes: ['promotion', 'exit', 'level-3'], horizonMonths: 24, interval: 'quarter', checkpointsMonths: [6, 12], ...overrides,
    }).expect(201);
    return { studyId: study.body.id, mentoredId, comparisonId, coachedId };
  }

  it('reports curves equal to the stats library on the same data, names the estimators, and suppresses small cells', async () => {
    const { studyId, coachedId } = await defineStudy();

    const res = await t.as('exact').get(`/v1/studies/${studyId}/report?asOf=${AS_OF}`).expect(200);
    const report = res.body as { trajectories: Trajectory[]; estimators: Array<{ outcome: string; estimator: string }>; logRank: Array<{ outcome: string; chiSquare: number; df: number; pValue: number }>; arms: Array<{ size: number }> };

    expect(report.estimators.map((e) => [e.outcome, e.estimator])).toEqual([['promotion', 'aalen-johansen'], ['exit', 'kaplan-meier'], ['level-3', 'kaplan-meier']]);
    expect(report.arms.map((a) => a.size)).toEqual([40, 40]);
    const horizon = 24 * 30.4375;
    const arms = { mentored: plan.mentored.map((s) => [s, s.enrolledAt!] as const), comparison: plan.comparison.map((s) => [s, s.hiredAt] as const) };
    for (const [arm, subjects] of Object.entries(arms)) {
      const follow = (o: 'promotion' | 'exit' | 'level-3') => subjects.map(([s, t0]) => expectedFollowUp(s, t0, o, horizon));
      const find = (outcome: string) => report.trajectories.find((x) => x.arm === arm && x.outcome === outcome)!;
      expect(find('promotion').estimator).toBe('aalen-johansen');
      expectCurveToMatch(find('promotion').curve, aalenJohansen(follow('promotion')).curve);
      expectCurveToMatch(find('exit').curve, kaplanMeier(follow('exit').map((f) => ({ time: f.time, event: f.status === 'event' }))).curve);
      expectCurveToMatch(find('level-3').curve, kaplanMeier(follow('level-3').map((f) => ({ time: f.time, event: f.status === 'event' }))).curve);
    }
    const groups = Object.values(arms).map((subjects) => subjects.map(([s, t0]) => expectedFollowUp(s, t0, 'exit', horizon)).map((f) => ({ time: f.time, event: f.status === 'event' })));
    const exitTest = logRank(groups);
    const shownTest = report.logRank.find((l) => l.outcome === 'exit')!;
    expect(shownTest.chiSquare).toBeCloseTo(exitTest.chiSquare, 12);
    expect(shownTest.pValue).toBeCloseTo(exitTest.pValue!, 12);

    const allRows = report.trajectories.flatMap((x) => x.table);
    for (const row of allRows) for (const v of [row.atRisk, row.events, row.censored]) expect(v === null || v === 0 || v >= K).toBe(true);
    expect(allRows.some((row) => row.suppressed && row.events === null)).toBe(true);
    const small = await t.as('exact').get(`/v1/cohorts/${coachedId}?asOf=${AS_OF}`).expect(200);
    expect(small.body).toMatchObject({ size: null, suppressed: true, k: K });
    const big = await t.as('exact').get(`/v1/cohorts/${(await t.as('exact').get('/v1/cohorts')).body.cohorts[0].id}?asOf=${AS_OF}`).expect(200);
    expect(big.body).toMatchObject({ size: 40, suppressed: false });
    expect(JSON.stringify(res.body)).not.toMatch(/subjectId|subjectRef|M10\d|C10\d/);
  });

  it('exports the report as tidy CSV, one row per arm × outcome × time, that parses back to the JSON', async () => {
    const { studyId } = await defineStudy();
    const json = (await t.as('exact').get(`/v1/studies/${studyId}/report?asOf=${AS_OF}`).expect(200)).body as { trajectories: Trajectory[] };

    const csv = await t.as('exact').get(`/v1/studies/${studyId}/report?asOf=${AS_OF}`).set('Accept', 'text/csv').expect(200);
    const viaQuery = await t.as('exact').get(`/v1/studies/${studyId}/report?asOf=${AS_OF}&format=csv`).expect(200);

    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(viaQuery.text).toBe(csv.text);
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual([
      'study_id', 'arm', 'cohort_id', 'outcome', 'estimator', 'estimand', 'time_days', 'time_quarters', 'at_risk', 'events',
      'competing_events', 'censored', 'estimate', 'std_err', 'lower', 'upper', 'suppressed',
    ]);
    const curveRows = json.trajectories.flatMap((tr) => tr.curve.map((row) => ({ arm: tr.arm, outcome: tr.outcome, row })));
    expect(rows).toHaveLength(curveRows.length);
    rows.forEach((cells, i) => {
      expect(cells).toHaveLength(header.length);
      const { arm, outcome, row } = curveRows[i];
      expect([cells[1], cells[3], Number(cells[6])]).toEqual([arm, outcome, row.time]);
      expect(cells[12] === '' ? null : Number(cells[12])).toBe(row.estimate);
      expect(cells[16]).toBe(row.suppressed ? '1' : '0');
    });
  });

  it('answers 304 to a matching If-None-Match, keeps the ETag when another organisation changes, and changes the report for a late backdated promotion', async () => {
    const { studyId } = await defineStudy();
    const url = `/v1/studies/${studyId}/report?asOf=${AS_OF}`;
    const first = await t.as('exact').get(url).expect(200);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    await t.as('exact').get(url).set('If-None-Match', etag).expect(304);

    await t.as('ingest').post('/v1/events').send(rawEvent('EmployeeHired', { orgId: 'other-trust', subjectRef: 'X1', occurredAt: '2024-02-01' })).expect(200);
    await t.as('exact').get(url).set('If-None-Match', etag).expect(304);

    const target = plan.comparison.find((s) => !s.promotedAt && !s.leftAt)!;
    const before = (first.body as { trajectories: Trajectory[] }).trajectories.find((x) => x.arm === 'comparison' && x.outcome === 'promotion')!;
    const late = addDays(target.hiredAt, 100);
    await t.as('ingest').post('/v1/events').send(rawEvent('PromotionGranted', { subjectRef: target.subjectRef, occurredAt: late }, { fromGrade: '5', toGrade: '6', gradeScheme: 'afc', basis: 'competitive' })).expect(200);

    const after = await t.as('exact').get(url).set('If-None-Match', etag).expect(200);
    expect(after.headers.etag).not.toBe(etag);
    const changed = (after.body as { trajectories: Trajectory[] }).trajectories.find((x) => x.arm === 'comparison' && x.outcome === 'promotion')!;
    const eventsOf = (tr: Trajectory) => tr.curve.filter((r) => r.time === 100);
    expect(eventsOf(before).every((r) => r.events === 0 || r.events === null)).toBe(true);
    expect(changed.curve.find((r) => r.time === 100)).toBeDefined();
    expect(changed.curve.map((r) => [r.time, r.atRisk])).not.toEqual(before.curve.map((r) => [r.time, r.atRisk]));
    await t.as('exact').get(url).set('If-None-Match', after.headers.etag as string).expect(304);
  });

  it('freezes a checkpoint on its first read after its due date and never changes it; a checkpoint not yet due answers 409', async () => {
    const { studyId } = await defineStudy();
    const listing = await t.as('exact').get(`/v1/studies/${studyId}/checkpoints`).expect(200);
    expect(listing.body.checkpoints.map((c: { month: number; dueOn: string; status: string }) => [c.month, c.dueOn, c.status])).toEqual([
      [6, '2024-12-30', 'due'], [12, '2025-07-01', 'due'],
    ]);

    const frozen = await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/6`).expect(200);
    expect(frozen.body).toMatchObject({ studyId, month: 6, dueOn: '2024-12-30', report: { asOf: '2024-12-30', horizonMonths: 6 }, erasedSinceFrozen: false });
    expect(frozen.headers['cache-control']).toBe('private, no-cache');
    const subject = plan.mentored.find((s) => !s.promotedAt && !s.leftAt)!;
    await t.as('ingest').post('/v1/events').send(rawEvent('PromotionGranted', { subjectRef: subject.subjectRef, occurredAt: addDays(subject.enrolledAt!, 20) }, { fromGrade: '5', toGrade: '6', gradeScheme: 'afc', basis: 'competitive' })).expect(200);
    const again = await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/6`).expect(200);
    expect(again.body).toEqual(frozen.body);
    expect((await t.as('exact').get(`/v1/studies/${studyId}/checkpoints`)).body.checkpoints[0]).toMatchObject({ status: 'frozen', frozenAt: frozen.body.frozenAt });
    await t.as('exact').get(`/v1/studies/${studyId}/checkpoints/9`).expect(404);

    const future = addDays(new Date().toISOString().slice(0, 10), 400);
    const late = await defineCohort({ name: 'Still recruiting', orgIds: ['rx1-trust'], entry: { on: 'EmployeeHired', between: ['2024-01-01', future] } });
    const pending = await t.as('exact').post('/v1/studies').send({
      name: 'Open study', arms: [{ name: 'a', cohortId: late }, { name: 'b', cohortId: late }], outcomes: ['exit'], horizonMonths: 12, interval: 'month', checkpointsMonths: [6],
    }).expect(201);
    const notYet = await t.as('exact').get(`/v1/studies/${pending.body.id}/checkpoints/6`).expect(409);
    expect(notYet.body).toMatchObject({ status: 409, code: 'checkpoint-not-reached' });
  });

  it('materialises study reports and freezes due checkpoints from the scheduled job, without any read', async () => {
    const { studyId } = await defineStudy();
    const job = t.app.get(MaterialiseJob);
    const reader = t.app.get(AnalyticsReader);
    const before = reader.cachedViews;

    const summary = await job.run();

    expect(summary).toMatchObject({ checkpointsFrozen: expect.any(Number) });
    expect(summary!.checkpointsFrozen).toBeGreaterThanOrEqual(2);
    expect(reader.cachedViews).toBeGreaterThan(before);
    const listing = await t.as('exact').get(`/v1/studies/${studyId}/checkpoints`).expect(200);
    expect(listing.body.checkpoints.map((c: { status: string }) => c.status)).toEqual(['frozen', 'frozen']);
    expect((await job.run())!.checkpointsFrozen).toBe(0);
  });

  it('reads a cohort trajectory with an estimator override and names the estimator', async () => {
    const { mentoredId } = await defineStudy();
    const aj = await t.as('exact').get(`/v1/cohorts/${mentoredId}/trajectory?outcome=promotion&interval=month&horizonMonths=12&asOf=${AS_OF}`).expect(200);
    const km = await t.as('exact').get(`/v1/cohorts/${mentoredId}/trajectory?outcome=promotion&interval=month&horizonMonths=12&estimator=kaplan-meier&asOf=${AS_OF}`).expect(200);
    expect(aj.body).toMatchObject({ estimator: 'aalen-johansen', estimand: 'cumulative-incidence', competingEvent: 'exit', n: 40 });
    expect(km.body).toMatchObject({ estimator: 'kaplan-meier', estimand: 'survival', competingEvent: null, n: 40 });
    expect(aj.body.table).toHaveLength(12);
    expect(aj.headers.etag).toBeDefined();
    const bad = await t.as('exact').get(`/v1/cohorts/${mentoredId}/trajectory?outcome=exit&estimator=aalen-johansen`).expect(422);
    expect(bad.body.errors).toEqual([{ path: 'estimator', message: expect.stringMatching(/competing/) }]);
  });

  it('rejects a bad cohort definition naming each bad field', async () => {
    const res = await t.as('exact').post('/v1/cohorts').send({
      name: 'x', orgIds: ['rx1-trust'], entry: { on: 'Hired', between: ['2024-13-01', '2024-01-01'] },
      where: { grouping: 'wres', groups: ['asian'], levelAtEntry: { min: 0 } },
    }).expect(422);
    const paths = (res.body.errors as Array<{ path: string }>).map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['entry.on', 'entry.between', 'where.levelAtEntry.min']));
    const groups = await t.as('exact').post('/v1/cohorts').send({
      name: 'x', orgIds: ['rx1-trust'], entry: { on: 'employed', at: '2024-01-01' }, where: { grouping: 'wres', groups: ['asian'] },
    }).expect(422);
    expect(groups.body.errors).toEqual([{ path: 'where.groups[0]', message: 'is not a group of wres; use one of: white, bme' }]);
    await t.as('exact').post('/v1/studies').send({ name: 's', arms: [{ name: 'a', cohortId: 'nope' }, { name: 'b', cohortId: 'nope' }], outcomes: ['exit'], horizonMonths: 12, interval: 'month' }).expect(422);
  });

  it('serves indicators and trends with ETag and Cache-Control, 304 on a match, and a new ETag after a change in that organisation', async () => {
    const url = '/v1/indicators?orgId=rx1-trust&from=2024-01-01&to=2024-12-31&grouping=wres';
    const first = await t.as('exact').get(url).expect(200);
    expect(first.body).toMatchObject({ orgId: 'rx1-trust', grouping: 'wres', referenceGroup: 'white', focalGroups: ['bme'] });
    expect(first.body.relativeLikelihoods.map((r: { indicator: string; numeratorGroup: string; denominatorGroup: string }) => [r.indicator, r.numeratorGroup, r.denominatorGroup])).toEqual([
      ['appointed-from-shortlisting', 'white', 'bme'], ['entering-disciplinary', 'bme', 'white'], ['accessing-non-mandatory-training', 'white', 'bme'],
    ]);
    expect(first.body.representation.levels).toHaveLength(7);
    await t.as('exact').get(url).set('If-None-Match', first.headers.etag as string).expect(304);

    const csv = await t.as('exact').get(`${url}&format=csv`).expect(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect((await t.as('exact').get(url).set('Accept', 'text/csv').expect(200)).text).toBe(csv.text);
    const [header, ...rows] = parseCsv(csv.text);
    expect(header).toEqual(['org_id', 'indicator', 'grouping', 'period', 'from', 'to', 'level', 'group', 'reference_group', 'count', 'denominator', 'value', 'lower', 'upper', 'suppressed']);
    const likelihoods = rows.filter((r) => r[1] === 'appointed-from-shortlisting');
    expect(likelihoods.map((r) => [r[7], r[8]])).toEqual([['white', 'bme']]);
    const shown = first.body.relativeLikelihoods[0] as { ratio: number | null };
    expect(likelihoods[0][11]).toBe(shown.ratio === null ? '' : String(shown.ratio));
    expect(rows.filter((r) => r[1] === 'representation')).toHaveLength(first.body.representation.levels.length * 2);

    const trendUrl = '/v1/trends/leaving-rate?orgId=rx1-trust&from=2024-01-01&to=2024-12-31&interval=quarter&grouping=wres';
    const trend = await t.as('exact').get(trendUrl).expect(200);
    expect(trend.body.points.map((p: { period: string }) => p.period)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4']);
    expect(trend.headers['cache-control']).toBe('private, no-cache');
    await t.as('exact').get(trendUrl).set('If-None-Match', trend.headers.etag as string).expect(304);
    await t.as('ingest').post('/v1/events').send(rawEvent('EmployeeLeft', { subjectRef: 'C138', occurredAt: '2024-10-01' }, { reason: 'voluntary' })).expect(200);
    const changed = await t.as('exact').get(trendUrl).set('If-None-Match', trend.headers.etag as string).expect(200);
    expect(changed.headers.etag).not.toBe(trend.headers.etag);
    await t.as('exact').get('/v1/trends/happiness?orgId=rx1-trust&from=2024-01-01&to=2024-12-31').expect(404);
  });
});
