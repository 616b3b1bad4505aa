import type { TrajectoryParams } from './trajectory-query';

/** Define a cohort from a §7a definition (validated by the handler). */
export class DefineCohort {
  constructor(readonly definition: unknown) {}
}

export class ListCohorts {}

export class GetCohort {
  constructor(
    readonly cohortId: string,
    readonly asOf?: string,
  ) {}
}

export class GetCohortTrajectory {
  constructor(
    readonly cohortId: string,
    readonly params: TrajectoryParams,
  ) {}
}
