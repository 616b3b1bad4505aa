/**
 * The demo study: mentoring participants against staff at the same levels who had not been mentored
 * (later enrolees censored when they enrol), over 36 months, adjusted for level, group and sex.
 */
export interface DemoScope {
  url: string;
  orgIds: string[];
  from: string;
  to: string;
  /** The first day of the first mentoring enrolment window. */
  mentoringOpens: string;
  /** The demo's keys: ingest for timelines, research (protected) and exact (a research key in exact mode) for cohorts and studies, dashboard for indicators and trends. */
  keys?: DemoKeys;
}

export interface DemoKeys {
  ingest: string;
  research: string;
  exact: string;
  dashboard: string;
}

type DemoRole = keyof DemoKeys;

export interface DemoIds {
  mentoring: string;
  comparison: string;
  study: string;
}

export type StudyOutcome = { kind: 'defined'; ids: DemoIds } | { kind: 'unavailable' } | { kind: 'failed'; reason: string };

export function cohortBodies(scope: DemoScope): { mentoring: object; comparison: object } {
  const where = { levelAtEntry: { min: 1, max: 2 } };
  return {
    mentoring: {
      name: 'Mentoring participants (levels 1-2)', orgIds: scope.orgIds,
      entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', role: 'participant', between: [scope.from, scope.to] }, where,
    },
    comparison: {
      name: `Staff at levels 1-2 on ${scope.mentoringOpens}, not mentored`, orgIds: scope.orgIds, entry: { on: 'employed', at: scope.mentoringOpens }, where,
      exclude: { programmeKind: 'mentoring', role: 'participant', censorAtEnrolment: true },
    },
  };
}

export function studyBody(mentoringId: string, comparisonId: string): object {
  return {
    name: 'Mentoring and career progression', arms: [{ name: 'mentoring', cohortId: mentoringId }, { name: 'comparison', cohortId: comparisonId }],
    outcomes: ['promotion', 'exit', 'level-3'], horizonMonths: 36, interval: 'quarter', checkpointsMonths: [6, 12, 24, 36],
    referenceArm: 'comparison', adjust: ['levelAtEntry', { grouping: 'wres' }, 'sex'],
  };
}

/** Defines the cohorts and the study when this build serves the analytics endpoints. */
export async function defineDemoStudy(scope: DemoScope): Promise<StudyOutcome> {
  const probe = await fetch(`${scope.url}/v1/cohorts`, { headers: headers(scope, 'research') });
  if (probe.status === 404) return { kind: 'unavailable' };
  const bodies = cohortBodies(scope);
  const mentoring = await create(scope, '/v1/cohorts', bodies.mentoring);
  const comparison = await create(scope, '/v1/cohorts', bodies.comparison);
  if ('reason' in mentoring) return { kind: 'failed', reason: mentoring.reason };
  if ('reason' in comparison) return { kind: 'failed', reason: comparison.reason };
  const study = await create(scope, '/v1/studies', studyBody(mentoring.id, comparison.id));
  if ('reason' in study) return { kind: 'failed', reason: study.reason };
  return { kind: 'defined', ids: { mentoring: mentoring.id, comparison: comparison.id, study: study.id } };
}

/** curl lines for the analytics requests, with the demo's ids or with placeholders. */
export function analyticsRequests(scope: DemoScope, ids?: DemoIds): string[] {
  const id = ids ?? { mentoring: '<mentoring cohort id>', comparison: '<comparison cohort id>', study: '<study id>' };
  const org = scope.orgIds[0];
  const period = `orgId=${org}&from=${scope.from}&to=${scope.to}`;
  const lines = [
    '# The mentoring cohort: its size, then time to first promotion (competing risks: exit)',
    curl(scope, `/v1/cohorts/${id.mentoring}`),
    curl(scope, `/v1/cohorts/${id.mentoring}/trajectory?outcome=promotion&interval=quarter&horizonMonths=36&estimator=aalen-johansen`),
    '# The study report (protected: counts rounded to multiples of k, whole-month rows): curves, log-rank tests, rates and rate ratios; then the same as tidy CSV',
    curl(scope, `/v1/studies/${id.study}/report`),
    curl(scope, `/v1/studies/${id.study}/report?format=csv`),
    '# The same report in exact mode (a research key an admin made exact): equal to R, small counts withheld',
    curl(scope, `/v1/studies/${id.study}/report`, undefined, 'exact'),
    '# Its headline table and adjusted hazard ratios as CSV (part=curves, comparisons, headline, adjusted-effects, assessments, applications)',
    curl(scope, `/v1/studies/${id.study}/report?format=csv&part=headline`, undefined, 'exact'),
    curl(scope, `/v1/studies/${id.study}/report?format=csv&part=adjusted-effects`, undefined, 'exact'),
    '# Indicators for the whole period (WRES grouping), then trends by year',
    curl(scope, `/v1/indicators?${period}&grouping=wres`, undefined, 'dashboard'),
    curl(scope, `/v1/trends/appointed-from-shortlisting?${period}&interval=year&grouping=wres`, undefined, 'dashboard'),
    curl(scope, `/v1/trends/leaving-rate?${period}&interval=year&grouping=wres`, undefined, 'dashboard'),
    curl(scope, `/v1/trends/broken-rung?${period}&interval=year&grouping=wres`, undefined, 'dashboard'),
  ];
  if (ids) return lines;
  const bodies = cohortBodies(scope);
  return [
    '# Define the demo study: two cohorts, then the study over them',
    curl(scope, '/v1/cohorts', bodies.mentoring),
    curl(scope, '/v1/cohorts', bodies.comparison),
    curl(scope, '/v1/studies', studyBody(id.mentoring, id.comparison)),
    ...lines,
  ];
}

export function curl(scope: DemoScope, path: string, body?: object, role: DemoRole = 'research'): string {
  const key = scope.keys?.[role];
  const auth = key ? ` -H 'Authorization: Bearer ${key}'` : '';
  const post = body ? ` -X POST -H 'content-type: application/json' -d '${JSON.stringify(body)}'` : '';
  return `curl -s${auth}${post} '${scope.url}${path}'`;
}

async function create(scope: DemoScope, path: string, body: object): Promise<{ id: string } | { reason: string }> {
  const res = await fetch(`${scope.url}${path}`, { method: 'POST', headers: { ...headers(scope, 'research'), 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const json = (await res.json().catch(() => ({}))) as { id?: string; title?: string; detail?: string; errors?: unknown };
  if (res.ok && typeof json.id === 'string') return { id: json.id };
  return { reason: `POST ${path} answered ${res.status}: ${JSON.stringify(json).slice(0, 500)}` };
}

function headers(scope: DemoScope, role: DemoRole): Record<string, string> {
  const key = scope.keys?.[role];
  return key ? { authorization: `Bearer ${key}` } : {};
}

interface HeadlineReport {
  headline: { cells: Array<{ outcome: string; arm: string; month: number; estimate: number | null; lower: number | null; upper: number | null; reason: string | null }> };
  adjustedEffects: Array<{ outcome: string; arms: Array<{ arm: string; reference: string; unadjusted: { hazardRatio: number | null }; adjusted: { hazardRatio: number | null; lower: number | null; upper: number | null } }> }>;
}

/** The study's headline table and adjusted hazard ratios, as lines to print (exact mode). */
export async function headlineLines(scope: DemoScope, studyId: string): Promise<string[]> {
  const res = await fetch(`${scope.url}/v1/studies/${studyId}/report`, { headers: headers(scope, 'exact') });
  if (!res.ok) return [`(the report answered ${res.status})`];
  const report = (await res.json()) as HeadlineReport;
  const num = (x: number | null): string => (x === null ? '—' : x.toFixed(3));
  const lines = ['outcome      arm          month  estimate  95% CI'];
  for (const c of report.headline.cells) {
    const value = c.estimate === null ? `— (${c.reason})` : `${num(c.estimate)}     ${num(c.lower)}–${num(c.upper)}`;
    lines.push(`${c.outcome.padEnd(12)} ${c.arm.padEnd(12)} ${String(c.month).padStart(5)}  ${value}`);
  }
  for (const e of report.adjustedEffects) {
    for (const a of e.arms) {
      lines.push(`${e.outcome}: hazard ratio of ${a.arm} against ${a.reference}: ${num(a.unadjusted.hazardRatio)} unadjusted, `
        + `${num(a.adjusted.hazardRatio)} (${num(a.adjusted.lower)}–${num(a.adjusted.upper)}) adjusted for level, group and sex`);
    }
  }
  return lines;
}
