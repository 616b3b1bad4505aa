import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { cohortResource, type CohortResource } from './cohort-resource';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { CohortViews } from './cohort-views.service';
import { ListCohorts } from './cohorts.messages';

@QueryHandler(ListCohorts)
export class ListCohortsHandler implements IQueryHandler<ListCohorts, { cohorts: CohortResource[] }> {
  constructor(
    private readonly cohorts: CohortViews,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ scope }: ListCohorts): Promise<{ cohorts: CohortResource[] }> {
    return { cohorts: (await this.cohorts.list()).filter((c) => this.scopes.cohortVisible(c, scope)).map(cohortResource) };
  }
}
