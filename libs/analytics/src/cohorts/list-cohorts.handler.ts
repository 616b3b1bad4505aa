import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { cohortResource, type CohortResource } from './cohort-resource';
import { CohortViews } from './cohort-views.service';
import { ListCohorts } from './cohorts.messages';

@QueryHandler(ListCohorts)
export class ListCohortsHandler implements IQueryHandler<ListCohorts, { cohorts: CohortResource[] }> {
  constructor(private readonly cohorts: CohortViews) {}

  async execute(): Promise<{ cohorts: CohortResource[] }> {
    return { cohorts: (await this.cohorts.list()).map(cohortResource) };
  }
}
