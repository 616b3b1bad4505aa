import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { StudyReports } from './study-reports.service';
import { studyResource, type StudyResource } from './study-resource';
import { DefineStudy } from './studies.messages';

@CommandHandler(DefineStudy)
export class DefineStudyHandler implements ICommandHandler<DefineStudy, StudyResource> {
  constructor(private readonly studies: StudyReports) {}

  async execute({ definition }: DefineStudy): Promise<StudyResource> {
    return studyResource(await this.studies.define(definition));
  }
}
