import { readFileSync } from 'fs';
import { join } from 'path';
import { aalenJohansen } from './aalen-johansen';
import type { AalenJohansenResult, AalenJohansenRow } from './aalen-johansen';
import { compareColumn, compareValue } from './testing/fixture-compare';
import type { FixtureFile, RNumber } from './testing/load-fixture';
import type { CompetingObservation, CompetingStatus } from './types';

type AalenJohansenCase = {
  name: string;
  input: { time: number[]; status: Array<'censor' | 'promotion' | 'exit'> };
  n: number;
  states: string[];
  fit: Record<
    | 'time'
    | 'n_risk'
    | 'n_event_promotion'
    | 'n_event_exit'
    | 'n_censor'
    | 'pstate_s0'
    | 'pstate_promotion'
    | 'pstate_exit'
    | 'std_err_promotion'
    | 'std_err_exit'
    | 'lower_promotion'
    | 'upper_promotion'
    | 'lower_exit'
    | 'upper_exit',
    RNumber[]
  >;
};

const fixture = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'aalen-johansen.json'), 'utf8'),
) as FixtureFile<AalenJohansenCase>;

const STATUS: Record<AalenJohansenCase['input']['status'][number], CompetingStatus> = {
  censor: 'censored',
  promotion: 'event',
  exit: 'competing',
};

function observations(c: AalenJohansenCase): CompetingObservation[] {
  return c.input.time.map((time, i) => ({ time, status: STATUS[c.input.status[i]] }));
}

function mismatches(result: AalenJohansenResult, c: AalenJohansenCase): string[] {
  const col = (pick: (row: AalenJohansenRow) => number | null): Array<number | null> => result.curve.map(pick);
  const f = c.fit;
  return [
    compareValue('n', result.n, c.n),
    ...compareColumn('time', col((r) => r.time), f.time),
    ...compareColumn('n.risk (s0)', col((r) => r.atRisk), f.n_risk),
    ...compareColumn('n.event promotion', col((r) => r.events), f.n_event_promotion),
    ...compareColumn('n.event exit', col((r) => r.competingEvents), f.n_event_exit),
    ...compareColumn('n.censor', col((r) => r.censored), f.n_censor),
    ...compareColumn('pstate (s0)', col((r) => 1 - r.estimate - r.competingEstimate), f.pstate_s0),
    ...compareColumn('pstate promotion', col((r) => r.estimate), f.pstate_promotion),
    ...compareColumn('pstate exit', col((r) => r.competingEstimate), f.pstate_exit),
    ...compareColumn('std.err promotion', col((r) => r.stdErr), f.std_err_promotion),
    ...compareColumn('std.err exit', col((r) => r.competingStdErr), f.std_err_exit),
    ...compareColumn('lower promotion', col((r) => r.lower), f.lower_promotion),
    ...compareColumn('upper promotion', col((r) => r.upper), f.upper_promotion),
    ...compareColumn('lower exit', col((r) => r.competingLower), f.lower_exit),
    ...compareColumn('upper exit', col((r) => r.competingUpper), f.upper_exit),
  ].filter((m): m is string => m !== null);
}

describe('aalenJohansen against survival::survfit multi-state fixtures', () => {
  it('given the fixture file, then states are survfit\'s "(s0)", promotion, exit', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(3);
    for (const c of fixture.cases) expect(c.states).toEqual(['(s0)', 'promotion', 'exit']);
  });

  it.each(fixture.cases.map((c) => [c.name, c] as const))(
    'given the %s data, then counts, pstate, std.err and CI match within 1e-9, NA positions included',
    (_name, c) => {
      expect(mismatches(aalenJohansen(observations(c)), c)).toEqual([]);
    },
  );
});

describe('aalenJohansen behaviour', () => {
  it('given no competing events, when fitted, then the incidence is 1 minus Kaplan–Meier', () => {
    const obs: CompetingObservation[] = [
      { time: 1, status: 'event' },
      { time: 2, status: 'censored' },
      { time: 3, status: 'event' },
      { time: 4, status: 'censored' },
    ];
    const { curve } = aalenJohansen(obs);
    expect(curve.map((r) => r.estimate)).toEqual([0.25, 0.25, 1 - 0.75 * 0.5, 1 - 0.75 * 0.5]);
    expect(curve.every((r) => r.competingEstimate === 0 && r.competingLower === null)).toBe(true);
  });

  it('given only censoring so far, when fitted, then the incidence is 0 with undefined bounds', () => {
    const { curve } = aalenJohansen([
      { time: 1, status: 'censored' },
      { time: 2, status: 'event' },
    ]);
    expect(curve[0]).toMatchObject({ estimate: 0, stdErr: 0, lower: null, upper: null });
  });
});
