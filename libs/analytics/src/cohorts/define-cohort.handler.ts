import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cohortResource, type CohortResource } from './cohort-resource';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { CohortViews } from './cohort-views.service';
import { DefineCohort } from './cohorts.messages';

@CommandHandler(DefineCohort)
export class DefineCohortHandler implements ICommandHandler<DefineCohort, CohortResource> {
  constructor(
    private readonly cohorts: CohortViews,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ definition, scope }: DefineCohort): Promise<CohortResource> {
    this.scopes.checkDefinition(definition, scope);
    return cohortResource(await this.cohorts.define(definition));
  }
}
