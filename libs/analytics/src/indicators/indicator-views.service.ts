import { Injectable } from '@nestjs/common';
import type { Grouping } from '@rung/contracts';
import { dayOf } from '../common/days';
import { disclosedVersion, type DataVersion } from '../common/fingerprint';
import { calendarPeriods, type IntervalKind } from '../common/intervals';
import { AnalyticsReader, type Materialised } from '../materialisation/analytics-reader';
import { emptyTallies, tallyTimeline } from './indicator-tally';
import type { IndicatorsParams, TrendParams } from './indicator-query';
import { GROUPING_ROLES, indicatorValue, indicatorValues, type IndicatorName, type IndicatorValues } from './indicators';

export interface IndicatorsResponse extends IndicatorValues {
  orgId: string;
  from: string;
  to: string;
  grouping: Grouping;
  referenceGroup: string;
  focalGroups: readonly string[];
  k: number;
  dataVersion: DataVersion;
}

export interface TrendPoint {
  period: string;
  from: string;
  to: string;
  value: unknown;
}

export interface TrendResponse {
  indicator: IndicatorName;
  orgId: string;
  from: string;
  to: string;
  interval: IntervalKind;
  grouping: Grouping;
  referenceGroup: string;
  focalGroups: readonly string[];
  k: number;
  dataVersion: DataVersion;
  points: TrendPoint[];
}

/** Equality indicators and their trends per organisation and period, materialised per data version. */
@Injectable()
export class IndicatorViews {
  constructor(private readonly reader: AnalyticsReader) {}

  async indicators(p: IndicatorsParams): Promise<Materialised<IndicatorsResponse>> {
    const k = this.reader.k;
    const name = `indicators|${p.orgId}|${p.from}|${p.to}|${p.grouping}|${k}`;
    const view = this.reader.materialise(name, [p.orgId], async (scan) => {
      const tallies = emptyTallies([{ fromDay: dayOf(p.from), toDay: dayOf(p.to) }]);
      const scanned = await scan((t) => tallyTimeline(tallies, t, p.grouping));
      const roles = GROUPING_ROLES[p.grouping];
      return {
        orgId: p.orgId, from: p.from, to: p.to, grouping: p.grouping, referenceGroup: roles.reference, focalGroups: roles.focal, k, dataVersion: disclosedVersion(scanned, k),
        ...indicatorValues(tallies[0], { grouping: p.grouping, k, at: p.to }),
      };
    });
    this.reader.remember(name, () => this.indicators(p));
    return view;
  }

  async trend(p: TrendParams): Promise<Materialised<TrendResponse>> {
    const k = this.reader.k;
    const name = `trend|${p.indicator}|${p.orgId}|${p.from}|${p.to}|${p.interval}|${p.grouping}|${k}`;
    const view = this.reader.materialise(name, [p.orgId], async (scan) => {
      const periods = calendarPeriods(dayOf(p.from), dayOf(p.to), p.interval);
      const tallies = emptyTallies(periods);
      const scanned = await scan((t) => tallyTimeline(tallies, t, p.grouping));
      const roles = GROUPING_ROLES[p.grouping];
      return {
        indicator: p.indicator, orgId: p.orgId, from: p.from, to: p.to, interval: p.interval, grouping: p.grouping,
        referenceGroup: roles.reference, focalGroups: roles.focal, k, dataVersion: disclosedVersion(scanned, k),
        points: periods.map((period, i) => ({
          period: period.label,
          from: period.from,
          to: period.to,
          value: indicatorValue(p.indicator, tallies[i], { grouping: p.grouping, k, at: period.to }),
        })),
      };
    });
    this.reader.remember(name, () => this.trend(p));
    return view;
  }
}
