import type { DisclosureMode } from '@rung/domain';
import type { DataVersion } from '../common/fingerprint';
import { intervalDays, monthsToDays, type IntervalKind } from '../common/intervals';
import { discloseTrajectory } from '../disclosure/exact-trajectory';
import { protectTrajectory } from '../disclosure/protected-trajectory';
import { publishedVersion } from '../disclosure/published-version';
import type { TrajectoryView } from '../disclosure/trajectory-view';
import { sortedByTime } from './follow-up';
import { unpackFollowUps, type KeyedFollowUps } from './follow-up-columns';
import type { Estimator, OutcomeName } from './outcomes';
import { estimateTrajectory } from './trajectory';

/** Everything a cohort trajectory says about itself besides the curve. */
export interface TrajectoryHeader {
  cohortId: string;
  cohortName: string;
  /** The as-of date the answer was computed for (a month end in protected mode). */
  asOf: string;
  interval: IntervalKind;
  horizonMonths: number;
  k: number;
  disclosure: DisclosureMode;
  /** As scanned: disclosure control is applied to it here. */
  dataVersion: DataVersion;
}

export interface TrajectoryResponse extends TrajectoryView, Omit<TrajectoryHeader, 'dataVersion'> {
  intervalDays: number;
  timeUnit: 'days';
  dataVersion: DataVersion;
}

/** One cohort's trajectory for one outcome over its members' follow-ups, in the header's disclosure mode. */
export function trajectoryResponse(header: TrajectoryHeader, followUps: KeyedFollowUps, outcome: OutcomeName, estimator: Estimator): TrajectoryResponse {
  const { cohortId, cohortName, asOf, interval, horizonMonths, k, disclosure } = header;
  return {
    cohortId, cohortName, asOf, interval, intervalDays: intervalDays(interval), horizonMonths, timeUnit: 'days', k, disclosure,
    dataVersion: publishedVersion(header.dataVersion, disclosure, k),
    ...trajectoryView(followUps, outcome, estimator, header),
  };
}

/** The trajectory of some follow-ups as a mode shows it: exact (R-equal, small counts withheld) or protected. */
export function trajectoryView(
  followUps: KeyedFollowUps, outcome: OutcomeName, estimator: Estimator,
  opts: { interval: IntervalKind; horizonMonths: number; k: number; disclosure: DisclosureMode },
): TrajectoryView {
  const { interval, k } = opts;
  const horizonDays = monthsToDays(opts.horizonMonths);
  switch (opts.disclosure) {
    case 'exact': {
      const raw = estimateTrajectory(sortedByTime(unpackFollowUps(followUps)), outcome, estimator, { interval, horizonDays });
      return discloseTrajectory(raw, k, interval);
    }
    case 'protected':
      return protectTrajectory(followUps, outcome, estimator, { interval, intervalDays: intervalDays(interval), horizonDays, k });
    default: {
      const unexpected: never = opts.disclosure;
      throw new Error(`unknown disclosure mode ${String(unexpected)}`);
    }
  }
}
