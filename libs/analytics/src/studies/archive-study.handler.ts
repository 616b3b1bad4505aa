import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Archives } from '../archive/archives.service';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { ArchiveStudy } from './studies.messages';

@CommandHandler(ArchiveStudy)
export class ArchiveStudyHandler implements ICommandHandler<ArchiveStudy, void> {
  constructor(
    private readonly archives: Archives,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ studyId, scope }: ArchiveStudy): Promise<void> {
    await this.scopes.requireStudy(studyId, scope);
    await this.archives.archive('study', studyId);
  }
}
