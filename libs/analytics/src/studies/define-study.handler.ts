import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { invalid } from '../common/validation';
import { StudyReports } from './study-reports.service';
import { studyResource, type StudyResource } from './study-resource';
import { DefineStudy } from './studies.messages';

@CommandHandler(DefineStudy)
export class DefineStudyHandler implements ICommandHandler<DefineStudy, StudyResource> {
  constructor(
    private readonly studies: StudyReports,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ definition, scope }: DefineStudy): Promise<StudyResource> {
    const hidden = await this.scopes.hiddenArmCohorts(definition, scope);
    if (hidden.length) throw invalid('study definition', hidden);
    return studyResource(await this.studies.define(definition));
  }
}
