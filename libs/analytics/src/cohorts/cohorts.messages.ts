import type { DisclosureMode, OrgScope } from '@rung/domain';
import type { TrajectoryParams } from './trajectory-query';

/** Define a cohort from a §7a definition (validated by the handler) over organisations in the scope. */
export class DefineCohort {
  constructor(
    readonly definition: unknown,
    readonly scope: OrgScope,
  ) {}
}

export class ListCohorts {
  constructor(readonly scope: OrgScope) {}
}

export class GetCohort {
  constructor(
    readonly cohortId: string,
    readonly asOf: string | undefined,
    readonly scope: OrgScope,
    readonly disclosure: DisclosureMode,
  ) {}
}

export class GetCohortTrajectory {
  constructor(
    readonly cohortId: string,
    readonly params: TrajectoryParams,
    readonly scope: OrgScope,
    readonly disclosure: DisclosureMode,
  ) {}
}

/** Archive a cohort (§7a `DELETE`): refused while a study that is not archived uses it. */
export class ArchiveCohort {
  constructor(
    readonly cohortId: string,
    readonly scope: OrgScope,
  ) {}
}
