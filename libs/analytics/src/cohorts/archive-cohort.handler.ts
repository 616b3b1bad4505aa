import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, type OrgScope } from '@rung/domain';
import { Archives } from '../archive/archives.service';
import { AnalyticsScope } from '../scoping/analytics-scope.service';
import { StudyReports } from '../studies/study-reports.service';
import { ArchiveCohort } from './cohorts.messages';

@CommandHandler(ArchiveCohort)
export class ArchiveCohortHandler implements ICommandHandler<ArchiveCohort, void> {
  constructor(
    private readonly archives: Archives,
    private readonly studies: StudyReports,
    private readonly scopes: AnalyticsScope,
  ) {}

  async execute({ cohortId, scope }: ArchiveCohort): Promise<void> {
    await this.scopes.requireCohort(cohortId, scope);
    const users = (await this.studies.list()).filter((s) => s.definition.arms.some((arm) => arm.cohortId === cohortId));
    if (users.length) throw new DomainError('in-use', await this.inUse(users.map((s) => s.id), scope));
    await this.archives.archive('cohort', cohortId);
  }

  /** Names the studies the caller may see; the others only by number. */
  private async inUse(studyIds: string[], scope: OrgScope): Promise<string> {
    const visible = await Promise.all(studyIds.map(async (id) => ((await this.scopes.studyVisible(await this.studies.get(id), scope)) ? id : null)));
    const named = visible.filter((id): id is string => id !== null);
    const others = studyIds.length - named.length;
    const list = [...named, ...(others ? [`${others} other${others === 1 ? '' : 's'}`] : [])].join(', ');
    return `This cohort is used by ${studyIds.length === 1 ? 'a study' : `${studyIds.length} studies`} that ${studyIds.length === 1 ? 'is' : 'are'} not archived (${list}); archive ${studyIds.length === 1 ? 'it' : 'them'} first.`;
  }
}
