import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { AnalyticsReader } from '../materialisation/analytics-reader';
import type { Representation } from '../materialisation/representation';
import { CohortViews } from './cohort-views.service';
import { GetCohortTrajectory } from './cohorts.messages';
import { trajectoryCsv } from './trajectory.csv';

@QueryHandler(GetCohortTrajectory)
export class GetCohortTrajectoryHandler implements IQueryHandler<GetCohortTrajectory, Representation> {
  constructor(
    private readonly cohorts: CohortViews,
    private readonly reader: AnalyticsReader,
  ) {}

  async execute({ cohortId, params }: GetCohortTrajectory): Promise<Representation> {
    const view = await this.cohorts.trajectory(cohortId, params);
    return params.format === 'csv' ? this.reader.csvOf(view, trajectoryCsv) : view.json;
  }
}
