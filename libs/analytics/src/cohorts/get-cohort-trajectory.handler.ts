import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import type { Representation } from '../materialisation/representation';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { CohortViews } from './cohort-views.service';
import { GetCohortTrajectory } from './cohorts.messages';
import { trajectoryCsv } from './trajectory.csv';

@QueryHandler(GetCohortTrajectory)
export class GetCohortTrajectoryHandler implements IQueryHandler<GetCohortTrajectory, Representation> {
  constructor(
    private readonly cohorts: CohortViews,
    private readonly reader: AnalyticsReader,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ cohortId, params, scope, disclosure }: GetCohortTrajectory): Promise<Representation> {
    await this.scopes.requireCohort(cohortId, scope);
    const view = await this.cohorts.trajectory(cohortId, params, disclosure);
    return params.format === 'csv' ? this.reader.csvOf(view, trajectoryCsv) : view.json;
  }
}
