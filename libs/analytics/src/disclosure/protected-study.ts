import { logRank, rateRatio, roundByCellKey } from '@rung/stats';
import { intervalDays, monthsToDays } from '../common/intervals';
import type { OutcomeName } from '../cohorts/outcomes';
import { estimatorOf, type Study, type StudyDefinition } from '../studies/study-definition';
import { comparedArms, logRankViewOf, survivalObservations, type LogRankView, type PackedArm, type RateRatioView, type StudyReportParts } from '../studies/study-report';
import { followUpsOf, protectedLifeTable, type ProtectedLifeTable } from './protected-life-table';
import { protectedTrajectoryOf } from './protected-trajectory';

/**
 * A study report's arms, curves, tests and rate ratios in protected mode: every arm × outcome gets
 * its protected life table, and the curves, log-rank tests and rate ratios are all computed from
 * those tables alone, so they can give back nothing the tables do not show.
 */
export function protectedStudyParts(study: Study, arms: readonly PackedArm[], k: number, horizonMonths: number): StudyReportParts {
  const { outcomes, interval } = study.definition;
  const opts = { interval, intervalDays: intervalDays(interval), horizonDays: monthsToDays(horizonMonths), k };
  const empty = { times: new Float64Array(0), statuses: new Uint8Array(0), keys: new Uint32Array(0) };
  const tables = new Map<OutcomeName, ProtectedLifeTable[]>(
    outcomes.map((o) => [o, arms.map((arm) => protectedLifeTable(arm.followUps.find(([name]) => name === o)?.[1] ?? empty, opts))]),
  );
  return {
    arms: arms.map((a) => ({ name: a.name, cohortId: a.cohortId, size: roundByCellKey(a.size, a.sizeKey, k), suppressed: false })),
    trajectories: outcomes.flatMap((outcome) =>
      (tables.get(outcome) ?? []).map((table, i) => ({
        arm: arms[i].name, cohortId: arms[i].cohortId, ...protectedTrajectoryOf(table, outcome, estimatorOf(study.definition, outcome), opts),
      })),
    ),
    logRank: outcomes.map((outcome) => protectedLogRank(outcome, arms, tables.get(outcome) ?? [])),
    rateRatios: outcomes.flatMap((outcome) => protectedRateRatios(study.definition, outcome, arms, tables.get(outcome) ?? [])),
  };
}

function protectedLogRank(outcome: OutcomeName, arms: readonly PackedArm[], tables: readonly ProtectedLifeTable[]): LogRankView {
  const groups = tables.map((t) => survivalObservations(followUpsOf(t)));
  if (groups.some((g) => g.length === 0)) return logRankViewOf(outcome, arms, null, false);
  return logRankViewOf(outcome, arms, logRank(groups), false);
}

function protectedRateRatios(definition: StudyDefinition, outcome: OutcomeName, arms: readonly PackedArm[], tables: readonly ProtectedLifeTable[]): RateRatioView[] {
  return comparedArms(arms, definition).map(({ arm, index, reference: ref }) => {
    const t = tables[index];
    const reference = tables[ref];
    const rr = t.personYears > 0 && reference.personYears > 0
      ? rateRatio({ events: t.events, personYears: t.personYears }, { events: reference.events, personYears: reference.personYears })
      : null;
    return {
      outcome, numerator: arm.name, denominator: arms[ref].name,
      ratio: rr?.ratio ?? null, lower: rr?.lower ?? null, upper: rr?.upper ?? null, method: 'exact-conditional-binomial', suppressed: false,
    };
  });
}
