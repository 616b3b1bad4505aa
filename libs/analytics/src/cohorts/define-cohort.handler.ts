import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { cohortResource, type CohortResource } from './cohort-resource';
import { CohortViews } from './cohort-views.service';
import { DefineCohort } from './cohorts.messages';

@CommandHandler(DefineCohort)
export class DefineCohortHandler implements ICommandHandler<DefineCohort, CohortResource> {
  constructor(private readonly cohorts: CohortViews) {}

  async execute({ definition }: DefineCohort): Promise<CohortResource> {
    return cohortResource(await this.cohorts.define(definition));
  }
}
