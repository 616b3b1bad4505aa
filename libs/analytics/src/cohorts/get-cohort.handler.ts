import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { Representation } from '../materialisation/representation';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { CohortViews } from './cohort-views.service';
import { GetCohort } from './cohorts.messages';

/** The cohort with its size as of a date (today by default), in the caller's disclosure mode. */
@QueryHandler(GetCohort)
export class GetCohortHandler implements IQueryHandler<GetCohort, Representation> {
  constructor(
    private readonly cohorts: CohortViews,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ cohortId, asOf, scope, disclosure }: GetCohort): Promise<Representation> {
    await this.scopes.requireCohort(cohortId, scope);
    return (await this.cohorts.size(cohortId, asOf, disclosure)).json;
  }
}
