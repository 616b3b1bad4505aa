import { Injectable } from '@nestjs/common';
import type { Grouping, Level, ProgrammeKind } from '@rung/contracts';
import type { DisclosureMode } from '@rung/domain';
import { GROUPS_BY_GROUPING } from '../cohorts/cohort-definition.dto';
import { dayOf } from '../common/days';
import type { DataVersion } from '../common/fingerprint';
import { protectProgrammeTally } from '../disclosure/protected-programme-tally';
import { publishedVersion } from '../disclosure/published-version';
import { RecordKeys } from '../disclosure/record-keys';
import { periodIn } from '../disclosure/snapping';
import { AnalyticsReader, type Materialised } from '../materialisation/analytics-reader';
import type { ProgrammeMonitoringParams } from './programme-monitoring-query';
import { monitoringValues, type MonitoringValues } from './programme-monitoring';
import { MINORITY, ProgrammeTallier } from './programme-tally';

export interface ProgrammeMonitoringResponse extends MonitoringValues {
  orgId: string;
  from: string;
  to: string;
  grouping: Grouping;
  groups: readonly string[];
  programmeKind: ProgrammeKind | null;
  /** The eligible levels: participants held one of them, in post, on the day they enrolled; take-up is over the people in post at one of them. */
  levels: Level[];
  /** Who counts as an ethnic minority for mentor and coach diversity. */
  minority: typeof MINORITY;
  k: number;
  disclosure: DisclosureMode;
  dataVersion: DataVersion;
}

/** Programme monitoring (§12) per organisation and period, materialised per data version like the indicators. */
@Injectable()
export class ProgrammeMonitoringViews {
  constructor(
    private readonly reader: AnalyticsReader,
    private readonly recordKeys: RecordKeys,
  ) {}

  /** The figures of one period (whole months in protected mode), per kind and programme, by group. */
  async monitoring(requested: ProgrammeMonitoringParams, disclosure: DisclosureMode): Promise<Materialised<ProgrammeMonitoringResponse>> {
    const p = { ...requested, ...periodIn(disclosure, requested.from, requested.to) };
    const k = this.reader.k;
    const name = `programmes|${p.orgId}|${p.from}|${p.to}|${p.grouping}|${p.programmeKind ?? '*'}|${p.levels.join(',')}|${k}|${disclosure}`;
    const view = this.reader.materialise(name, [p.orgId], async (scan) => {
      const keyed = disclosure === 'protected';
      const tallier = new ProgrammeTallier({ fromDay: dayOf(p.from), toDay: dayOf(p.to), grouping: p.grouping, levels: p.levels, programmeKind: p.programmeKind });
      const scanned = await scan((t) => tallier.add(t, keyed ? this.recordKeys.of(t.subjectId) : 0));
      const tally = keyed ? protectProgrammeTally(tallier.finish(), k) : tallier.finish();
      const groups = GROUPS_BY_GROUPING[p.grouping];
      const response: ProgrammeMonitoringResponse = {
        orgId: p.orgId, from: p.from, to: p.to, grouping: p.grouping, groups, programmeKind: p.programmeKind, levels: p.levels, minority: MINORITY,
        k, disclosure, dataVersion: publishedVersion(scanned, disclosure, k),
        ...monitoringValues(tally, { k, groups }),
      };
      return response;
    });
    this.reader.remember(name, () => this.monitoring(p, disclosure));
    return view;
  }
}
