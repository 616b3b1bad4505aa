import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { OrgScoped } from '@rung/access';
import { RequiresRole } from '@rung/platform';
import { GetSubjectTimeline, type SubjectTimelineView } from '@rung/projections';

@Controller('v1/subjects')
export class TimelineController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':orgId/:subjectRef/timeline')
  @RequiresRole('ingest')
  @OrgScoped({ in: 'param', name: 'orgId' })
  timeline(@Param('orgId') orgId: string, @Param('subjectRef') subjectRef: string): Promise<SubjectTimelineView> {
    return this.queryBus.execute(new GetSubjectTimeline(orgId, subjectRef));
  }
}
