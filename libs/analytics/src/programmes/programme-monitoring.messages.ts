import { Query } from '@nestjs/cqrs';
import type { DisclosureMode } from '@rung/domain';
import type { Representation } from '../materialisation/representation';
import type { ProgrammeMonitoringParams } from './programme-monitoring-query';

/** The programme monitoring figures of one organisation over a period (§12), as JSON or CSV. */
export class GetProgrammeMonitoring extends Query<Representation> {
  constructor(
    readonly params: ProgrammeMonitoringParams,
    readonly disclosure: DisclosureMode,
  ) {
    super();
  }
}
