import { LEVELS, type Level } from '@rung/contracts';
import { loadConfig } from '@rung/platform';
import { InMemorySubjectTimelineStore, type SubjectTimeline, type SubjectTimelineProjector } from '@rung/projections';
import { timelineOf } from '@rung/testing';
import { dayOf } from '../common/days';
import { RecordKeys } from '../disclosure/record-keys';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import { DataVersions } from '../materialisation/data-versions';
import { monitoringValues, type KindMonitoring, type RowMonitoring } from './programme-monitoring';
import { programmeMonitoringCsv, PROGRAMME_MONITORING_CSV_HEADER } from './programme-monitoring.csv';
import { parseProgrammeMonitoringQuery, type ProgrammeMonitoringParams } from './programme-monitoring-query';
import { ProgrammeMonitoringViews } from './programme-monitoring-views.service';
import { ProgrammeTallier, type ProgrammeTally } from './programme-tally';

type Ethnicity = 'black-african' | 'white-british' | 'white-irish' | 'not-stated';

interface Enrolment {
  programmeId: string;
  programmeKind?: 'mentoring' | 'coaching';
  role?: 'participant' | 'mentor' | 'coach';
  at: string;
  mentorRef?: string;
  coachRef?: string;
  protectedTime?: boolean;
  completedAt?: string;
  withdrawnAt?: string;
}

function person(id: string, ethnicity: Ethnicity, grade: string, enrolments: Enrolment[] = []): SubjectTimeline {
  return timelineOf(id, (s) => {
    s.add('EmployeeHired', '2015-01-01', { grade, gradeScheme: 'afc' });
    s.add('DemographicsRecorded', '2015-01-01', { ethnicity });
    for (const e of enrolments) {
      s.add('ProgrammeEnrolled', e.at, {
        programmeId: e.programmeId, programmeKind: e.programmeKind ?? 'mentoring', role: e.role ?? 'participant',
        protectedTime: e.protectedTime, mentorRef: e.mentorRef, coachRef: e.coachRef,
      });
      if (e.completedAt) s.add('ProgrammeCompleted', e.completedAt, { programmeId: e.programmeId });
      if (e.withdrawnAt) s.add('ProgrammeWithdrawn', e.withdrawnAt, { programmeId: e.programmeId, reason: 'workload' });
    }
  });
}

/**
 * An organisation in 2024 (every subject in post at afc band 5, level 2, but the mentors at 8a, level 5):
 * - four mentors on mentor-24: m-bme (Black African), m-white (white British), m-irish (white Irish: an
 *   ethnic minority, white under wres) and m-ns (not stated);
 * - six BME participants on mentor-24: b0–b2 mentored by m-bme and completed, b3 by m-irish and withdrew,
 *   b4 by m-white and b5 by `ghost` (no such subject), both still enrolled; b0–b3 with protected time;
 *   b0 also joins mentor-24b in June, with no mentor;
 * - six white participants on mentor-24, all mentored by m-white and with protected time, w0–w2 completed;
 * - one BME participant on coach-24, coached by m-white;
 * - four BME and four white staff who enrolled on nothing, and one participant whose ethnicity is not stated.
 */
function organisation(): SubjectTimeline[] {
  const mentor = (id: string, ethnicity: Ethnicity) => person(id, ethnicity, '8a', [{ programmeId: 'mentor-24', role: 'mentor', at: '2024-01-10' }]);
  const bmeMentors = ['m-bme', 'm-bme', 'm-bme', 'm-irish', 'm-white', 'ghost'];
  return [
    mentor('m-bme', 'black-african'), mentor('m-white', 'white-british'), mentor('m-irish', 'white-irish'), mentor('m-ns', 'not-stated'),
    ...bmeMentors.map((mentorRef, i) => person(`b${i}`, 'black-african', '5', [
      {
        programmeId: 'mentor-24', at: '2024-02-01', mentorRef, protectedTime: i < 4,
        completedAt: i < 3 ? '2024-08-01' : i === 4 ? '2025-03-01' : undefined, withdrawnAt: i === 3 ? '2024-05-01' : undefined,
      },
      ...(i === 0 ? [{ programmeId: 'mentor-24b', at: '2024-06-01', mentorRef: undefined }] : []),
    ])),
    ...Array.from({ length: 6 }, (_, i) => person(`w${i}`, 'white-british', '5', [
      { programmeId: 'mentor-24', at: '2024-03-01', mentorRef: 'm-white', protectedTime: true, completedAt: i < 3 ? '2024-09-01' : undefined },
    ])),
    person('c0', 'black-african', '5', [{ programmeId: 'coach-24', programmeKind: 'coaching', at: '2024-04-01', coachRef: 'm-white', mentorRef: undefined }]),
    ...Array.from({ length: 4 }, (_, i) => person(`sb${i}`, 'black-african', '5')),
    ...Array.from({ length: 4 }, (_, i) => person(`sw${i}`, 'white-british', '5')),
    person('x0', 'not-stated', '5', [{ programmeId: 'mentor-24', at: '2024-02-01', mentorRef: 'm-bme' }]),
  ];
}

const YEAR = { fromDay: dayOf('2024-01-01'), toDay: dayOf('2024-12-31') };

function tallyOf(timelines: SubjectTimeline[], levels: readonly Level[] = LEVELS): ProgrammeTally {
  const tallier = new ProgrammeTallier({ ...YEAR, grouping: 'wres', levels, programmeKind: null });
  for (const t of timelines) tallier.add(t);
  return tallier.finish();
}

const kindOf = (kinds: KindMonitoring[], kind: string) => kinds.find((k) => k.programmeKind === kind)!;
const programmeOf = (kind: KindMonitoring, id: string) => kind.programmes.find((p) => p.programmeId === id)!;
const groupOf = (row: RowMonitoring, group: string) => row.groups.find((g) => g.group === group)!;

describe('programme monitoring tallies', () => {
  it('given an organisation’s timelines, when tallied, then each programme counts its participants once with their mentor’s own ethnicity, and each kind counts a person once', () => {
    const tally = tallyOf(organisation());

    expect([...tally.kinds.keys()]).toEqual(['mentoring', 'coaching']);
    expect([...tally.kinds.get('mentoring')!.programmes.keys()]).toEqual(['mentor-24', 'mentor-24b']);
    const bme = tally.kinds.get('mentoring')!.programmes.get('mentor-24')!.byGroup.get('bme')!;
    const n = Object.fromEntries(Object.entries(bme).map(([name, c]) => [name, c.n]));
    expect(n).toEqual({
      participants: 6, completed: 3, withdrawn: 1, enrolled: 2, protectedTime: 4,
      withMentor: 6, mentorMinority: 4, mentorNotMinority: 1, mentorUnknown: 1, withCoach: 0, coachMinority: 0, coachNotMinority: 0, coachUnknown: 0,
    });
    expect(tally.kinds.get('mentoring')!.all.byGroup.get('bme')!.participants.n).toBe(6);
    expect(tally.kinds.get('mentoring')!.programmes.get('mentor-24b')!.byGroup.get('bme')!.participants.n).toBe(1);
    expect(Object.fromEntries(Object.entries(tally.kinds.get('mentoring')!.programmes.get('mentor-24')!.mentors).map(([name, c]) => [name, c.n])))
      .toEqual({ people: 4, minority: 2, notMinority: 1, unknown: 1 });
    expect(new Map([...tally.inPost].map(([group, c]) => [group, c.n]))).toEqual(new Map([['bme', 12], ['white', 12]]));
  });

  it('given eligible levels, then participants are those in post at one of them when they enrolled, and take-up is over the people in post at one of them', () => {
    const tally = tallyOf(organisation(), [5]);

    expect(tally.kinds.get('mentoring')!.programmes.get('mentor-24')!.byGroup.size).toBe(0);
    expect(new Map([...tally.inPost].map(([group, c]) => [group, c.n]))).toEqual(new Map([['bme', 1], ['white', 2]]));
  });

  it('given a period, then only enrolments in it count, and where each stood at its end', () => {
    const tallier = new ProgrammeTallier({ fromDay: dayOf('2024-01-01'), toDay: dayOf('2024-06-30'), grouping: 'wres', levels: LEVELS, programmeKind: 'mentoring' });
    for (const t of organisation()) tallier.add(t);
    const tally = tallier.finish();

    expect([...tally.kinds.keys()]).toEqual(['mentoring']);
    const bme = tally.kinds.get('mentoring')!.programmes.get('mentor-24')!.byGroup.get('bme')!;
    expect([bme.completed.n, bme.withdrawn.n, bme.enrolled.n]).toEqual([0, 1, 5]);
  });
});

describe('programme monitoring figures (exact, k = 3)', () => {
  const { kinds, inPost } = monitoringValues(tallyOf(organisation()), { k: 3, groups: ['white', 'bme'] });
  const mentoring = kindOf(kinds, 'mentoring');
  const mentor24 = programmeOf(mentoring, 'mentor-24');

  it('given a programme, then take-up, completion, protected time and mentor diversity are its counts over its participants', () => {
    expect(inPost).toEqual([{ group: 'white', count: 12 }, { group: 'bme', count: 12 }]);
    const white = groupOf(mentor24, 'white');
    expect(white.takeUp).toEqual({ participants: 6, inPost: 12, share: 0.5, suppressed: false });
    expect(white.outcomes).toEqual({ participants: 6, completed: 3, withdrawn: 0, enrolled: 3, completionRate: 0.5, withdrawalRate: 0, suppressed: false });
    expect(white.protectedTime).toEqual({ participants: 6, withProtectedTime: 6, share: 1, suppressed: false });
    expect(white.mentors).toEqual({ assigned: 6, minority: 0, notMinority: 6, unknown: 0, minorityShare: 0, unknownShare: 0, suppressed: false });
    expect(white.coaches).toEqual({ assigned: 0, minority: 0, notMinority: 0, unknown: 0, minorityShare: null, unknownShare: null, suppressed: false });
  });

  it('given counts from 1 to k − 1, then they are null with the block flagged, and no share gives them back', () => {
    const bme = groupOf(mentor24, 'bme');
    expect(bme.takeUp).toEqual({ participants: 6, inPost: 12, share: 0.5, suppressed: false });
    expect(bme.outcomes).toEqual({ participants: 6, completed: 3, withdrawn: null, enrolled: null, completionRate: 0.5, withdrawalRate: null, suppressed: true });
    expect(bme.protectedTime).toEqual({ participants: 6, withProtectedTime: 4, share: 4 / 6, suppressed: false });
    expect(bme.mentors).toEqual({ assigned: 6, minority: 4, notMinority: null, unknown: null, minorityShare: 4 / 6, unknownShare: null, suppressed: true });
    expect(mentor24.mentorPool).toEqual({ people: 4, minority: null, notMinority: null, unknown: null, minorityShare: null, unknownShare: null, suppressed: true });
    const coaching = kindOf(kinds, 'coaching');
    expect(groupOf(coaching, 'bme').coaches).toMatchObject({ assigned: null, notMinority: null, suppressed: true });
    expect(groupOf(coaching, 'bme').takeUp).toEqual({ participants: null, inPost: 12, share: null, suppressed: true });
  });

  it('given one small count in a breakdown, then a second is hidden so that the total cannot give it back', () => {
    const tally = tallyOf(organisation());
    const bme = tally.kinds.get('mentoring')!.programmes.get('mentor-24')!.byGroup.get('bme')!;
    Object.assign(bme, { participants: { n: 12, key: 0 }, completed: { n: 6, key: 0 }, withdrawn: { n: 2, key: 0 }, enrolled: { n: 4, key: 0 } });

    const outcomes = groupOf(programmeOf(kindOf(monitoringValues(tally, { k: 3, groups: ['white', 'bme'] }).kinds, 'mentoring'), 'mentor-24'), 'bme').outcomes;

    expect(outcomes).toEqual({ participants: 12, completed: 6, withdrawn: null, enrolled: null, completionRate: 0.5, withdrawalRate: null, suppressed: true });
  });

  it('given a kind whose programme has a withheld figure, then the kind withholds that figure too, so no programme is the kind less the others', () => {
    const bme = groupOf(mentoring, 'bme');
    expect(groupOf(programmeOf(mentoring, 'mentor-24b'), 'bme').takeUp.participants).toBeNull();
    expect(bme.takeUp).toMatchObject({ participants: null, share: null, suppressed: true });
    expect(bme.outcomes).toMatchObject({ participants: null, completed: null, suppressed: true });
    expect(bme.mentors).toMatchObject({ minority: null, suppressed: true });
    expect(groupOf(mentoring, 'white')).toEqual(groupOf(mentor24, 'white'));
    expect(mentoring.mentorPool).toMatchObject({ people: 4, minority: null, suppressed: true });
  });

  it('renders the figures as tidy CSV: a row per kind or programme × group × measure, then the pools', () => {
    const csv = programmeMonitoringCsv({
      orgId: 'rx1-trust', from: '2024-01-01', to: '2024-12-31', grouping: 'wres', groups: ['white', 'bme'], programmeKind: null, levels: [...LEVELS],
      minority: { grouping: 'white-british', group: 'ethnic-minority' }, k: 3, disclosure: 'exact', dataVersion: { subjects: 30, events: 90, fingerprint: 'f' }, inPost, kinds,
    });
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(PROGRAMME_MONITORING_CSV_HEADER.join(','));
    expect(lines).toContain('rx1-trust,2024-01-01,2024-12-31,wres,mentoring,mentor-24,bme,completed,3,6,0.5,1');
    expect(lines).toContain('rx1-trust,2024-01-01,2024-12-31,wres,mentoring,mentor-24,bme,withdrawn,,6,,1');
    expect(lines).toContain('rx1-trust,2024-01-01,2024-12-31,wres,mentoring,,white,take_up,6,12,0.5,0');
    expect(lines).toContain('rx1-trust,2024-01-01,2024-12-31,wres,mentoring,mentor-24,,mentor_pool_minority,,4,,1');
    // Five rows (two kinds, three programmes), each with 2 groups × 11 measures and 6 pool measures.
    expect(lines).toHaveLength(1 + 5 * (2 * 11 + 6));
  });
});

describe('programme monitoring views', () => {
  async function setUp() {
    const store = new InMemorySubjectTimelineStore();
    for (const t of organisation()) await store.put(t);
    const projector = { current: async (id: string) => store.get(id) } as unknown as SubjectTimelineProjector;
    const config = loadConfig({ SUPPRESSION_K: '5' });
    const reader = new AnalyticsReader(store, projector, new DataVersions(), config, () => new Date('2026-03-04T10:00:00Z'));
    return new ProgrammeMonitoringViews(reader, new RecordKeys(Buffer.alloc(32, 7)));
  }
  const params = (query: Record<string, string>): ProgrammeMonitoringParams => {
    const parsed = parseProgrammeMonitoringQuery('rx1-trust', query);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
    return parsed.value;
  };

  it('given an exact read, then the figures are the tally’s under k = 5, and the data version is shown', async () => {
    const views = await setUp();
    const view = await views.monitoring(params({ from: '2024-01-01', to: '2024-12-31' }), 'exact');
    const body = view.value;

    expect(body).toMatchObject({ orgId: 'rx1-trust', grouping: 'wres', groups: ['white', 'bme'], k: 5, disclosure: 'exact', levels: [1, 2, 3, 4, 5, 6, 7], minority: { grouping: 'white-british', group: 'ethnic-minority' } });
    expect(body.dataVersion).toMatchObject({ subjects: 26 });
    const mentor24 = programmeOf(kindOf(body.kinds, 'mentoring'), 'mentor-24');
    expect(groupOf(mentor24, 'white').outcomes).toEqual({ participants: 6, completed: null, withdrawn: 0, enrolled: null, completionRate: null, withdrawalRate: 0, suppressed: true });
    expect(groupOf(mentor24, 'bme').protectedTime).toEqual({ participants: 6, withProtectedTime: null, share: null, suppressed: true });
  });

  it('given a protected read, then the period is whole months, every count is a multiple of k, shares come from those counts, and the data version shows no count', async () => {
    const views = await setUp();
    const view = await views.monitoring(params({ from: '2024-01-15', to: '2024-12-10' }), 'protected');
    const body = view.value;

    expect(body).toMatchObject({ from: '2024-01-01', to: '2024-12-31', disclosure: 'protected', dataVersion: { subjects: null, events: null } });
    const counts: number[] = [];
    const collect = (value: unknown, key = ''): void => {
      if (Array.isArray(value)) value.forEach((v) => collect(v));
      else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => collect(v, k));
      else if (typeof value === 'number' && !/share|rate|^k$/i.test(key)) counts.push(value);
    };
    collect({ kinds: body.kinds, inPost: body.inPost });
    expect(counts.length).toBeGreaterThan(50);
    expect(counts.filter((n) => n % 5 !== 0)).toEqual([]);
    const white = groupOf(programmeOf(kindOf(body.kinds, 'mentoring'), 'mentor-24'), 'white');
    expect(white.takeUp.share).toBe(white.takeUp.inPost ? Math.min(1, white.takeUp.participants! / white.takeUp.inPost) : null);
  });

  it('given the same read twice, then it is computed once and served from the cache', async () => {
    const views = await setUp();
    const p = params({ from: '2024-01-01', to: '2024-12-31', programmeKind: 'coaching', grouping: 'ons5' });
    const first = await views.monitoring(p, 'exact');
    const again = await views.monitoring(p, 'exact');

    expect(again).toBe(first);
    expect(first.value.kinds.map((k) => k.programmeKind)).toEqual(['coaching']);
    expect(first.value.groups).toEqual(['white', 'mixed', 'asian', 'black', 'other', 'unknown']);
  });
});

describe('programme monitoring query', () => {
  it('given defaults, then grouping is wres, every kind and every level', () => {
    expect(parseProgrammeMonitoringQuery('rx1-trust', { from: '2024-01-01', to: '2024-12-31' })).toEqual({
      ok: true, value: { orgId: 'rx1-trust', from: '2024-01-01', to: '2024-12-31', grouping: 'wres', programmeKind: null, levels: [1, 2, 3, 4, 5, 6, 7], format: 'json' },
    });
    expect(parseProgrammeMonitoringQuery('rx1-trust', { from: '2024-01-01', to: '2024-12-31', levels: '2,1,2', programmeKind: 'coaching' }))
      .toMatchObject({ ok: true, value: { levels: [1, 2], programmeKind: 'coaching' } });
  });

  it('given bad input, then each bad field is named', () => {
    expect(parseProgrammeMonitoringQuery('rx1-trust', { from: '2024-02-30', to: 'soon', grouping: 'race', programmeKind: 'yoga', levels: '0,8', extra: '1' })).toEqual({
      ok: false,
      errors: expect.arrayContaining([
        { path: 'from', message: expect.stringMatching(/real date/) },
        { path: 'to', message: expect.stringMatching(/real date/) },
        { path: 'grouping', message: expect.stringMatching(/^must be one of: ons5/) },
        { path: 'programmeKind', message: expect.stringMatching(/^must be one of: mentoring/) },
        { path: 'levels', message: expect.stringMatching(/comma-separated/) },
        { path: 'extra', message: 'is not a known field' },
      ]),
    });
    expect(parseProgrammeMonitoringQuery('rx1-trust', { from: '2024-12-31', to: '2024-01-01' })).toEqual({ ok: false, errors: [{ path: 'to', message: 'must be on or after from' }] });
    expect(parseProgrammeMonitoringQuery('rx1-trust', {})).toMatchObject({ ok: false, errors: [{ path: 'from', message: 'is required' }, { path: 'to', message: 'is required' }] });
  });
});
