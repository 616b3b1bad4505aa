import { Injectable } from '@nestjs/common';
import type { Grouping } from '@rung/contracts';
import type { DisclosureMode } from '@rung/domain';
import { dayOf } from '../common/days';
import type { DataVersion } from '../common/fingerprint';
import { calendarPeriods, type IntervalKind } from '../common/intervals';
import { protectTally } from '../disclosure/protected-tally';
import { publishedVersion } from '../disclosure/published-version';
import { RecordKeys } from '../disclosure/record-keys';
import { periodIn } from '../disclosure/snapping';
import { AnalyticsReader, type Materialised, type TimelineScan } from '../materialisation/analytics-reader';
import { emptyTallies, tallyTimeline, type Period, type PeriodTally } from './indicator-tally';
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
  disclosure: DisclosureMode;
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
  disclosure: DisclosureMode;
  dataVersion: DataVersion;
  points: TrendPoint[];
}

/** Equality indicators and their trends per organisation and period, materialised per data version. */
@Injectable()
export class IndicatorViews {
  constructor(
    private readonly reader: AnalyticsReader,
    private readonly recordKeys: RecordKeys,
  ) {}

  /** The indicators of one period (whole months in protected mode). */
  async indicators(requested: IndicatorsParams, disclosure: DisclosureMode): Promise<Materialised<IndicatorsResponse>> {
    const p = { ...requested, ...periodIn(disclosure, requested.from, requested.to) };
    const k = this.reader.k;
    const name = `indicators|${p.orgId}|${p.from}|${p.to}|${p.grouping}|${k}|${disclosure}`;
    const view = this.reader.materialise(name, [p.orgId], async (scan) => {
      const { tallies, scanned } = await this.tally(scan, [{ fromDay: dayOf(p.from), toDay: dayOf(p.to) }], p.grouping, disclosure);
      const roles = GROUPING_ROLES[p.grouping];
      return {
        orgId: p.orgId, from: p.from, to: p.to, grouping: p.grouping, referenceGroup: roles.reference, focalGroups: roles.focal, k, disclosure,
        dataVersion: publishedVersion(scanned, disclosure, k),
        ...indicatorValues(tallies[0], { grouping: p.grouping, k, at: p.to }),
      };
    });
    this.reader.remember(name, () => this.indicators(p, disclosure));
    return view;
  }

  /** One indicator per calendar period (every interval is at least a month, so protected periods need no more snapping than their ends). */
  async trend(requested: TrendParams, disclosure: DisclosureMode): Promise<Materialised<TrendResponse>> {
    const p = { ...requested, ...periodIn(disclosure, requested.from, requested.to) };
    const k = this.reader.k;
    const name = `trend|${p.indicator}|${p.orgId}|${p.from}|${p.to}|${p.interval}|${p.grouping}|${k}|${disclosure}`;
    const view = this.reader.materialise(name, [p.orgId], async (scan) => {
      const periods = calendarPeriods(dayOf(p.from), dayOf(p.to), p.interval);
      const { tallies, scanned } = await this.tally(scan, periods, p.grouping, disclosure);
      const roles = GROUPING_ROLES[p.grouping];
      return {
        indicator: p.indicator, orgId: p.orgId, from: p.from, to: p.to, interval: p.interval, grouping: p.grouping,
        referenceGroup: roles.reference, focalGroups: roles.focal, k, disclosure, dataVersion: publishedVersion(scanned, disclosure, k),
        points: periods.map((period, i) => ({
          period: period.label,
          from: period.from,
          to: period.to,
          value: indicatorValue(p.indicator, tallies[i], { grouping: p.grouping, k, at: period.to }),
        })),
      };
    });
    this.reader.remember(name, () => this.trend(p, disclosure));
    return view;
  }

  /** One scan tallies every period; in protected mode with record keys, and the tallies then protected. */
  private async tally(scan: TimelineScan, periods: readonly Period[], grouping: Grouping, disclosure: DisclosureMode): Promise<{ tallies: PeriodTally[]; scanned: DataVersion }> {
    const tallies = emptyTallies(periods);
    const keyed = disclosure === 'protected';
    const scanned = await scan((t) => tallyTimeline(tallies, t, grouping, keyed ? this.recordKeys.of(t.subjectId) : 0));
    return { tallies: keyed ? tallies.map((t) => protectTally(t, this.reader.k)) : tallies, scanned };
  }
}
