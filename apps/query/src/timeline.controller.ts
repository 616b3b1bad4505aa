import { Controller, Get, Param } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { ORG_ID } from '@rung/contracts';
import { OrgScoped } from '@rung/access';
import { RequiresRole } from '@rung/platform';
import { GetSubjectTimeline, type SubjectTimelineView } from '@rung/projections';

@ApiTags('subjects')
@Controller('v1/subjects')
export class TimelineController {
  constructor(private readonly queryBus: QueryBus) {}

  @Get(':orgId/:subjectRef/timeline')
  @RequiresRole('ingest')
  @OrgScoped({ in: 'param', name: 'orgId' })
  @ApiOperation({ summary: 'A subject\'s timeline', description: 'subjectRef is pseudonymised the way ingestion did; the raw reference is never stored or logged.' })
  @ApiParam({ name: 'orgId', schema: { type: 'string', pattern: ORG_ID.source }, example: 'rx1-trust' })
  @ApiParam({ name: 'subjectRef', schema: { type: 'string' }, description: 'The reference the events were sent with.', example: 'E123456' })
  @ApiOkResponse({ description: 'Spells, grades, promotions, applications, programmes, demographics, training, assessments and cases.', schema: { type: 'object' } })
  @ApiNotFoundResponse({ description: 'No events of this subject.' })
  timeline(@Param('orgId') orgId: string, @Param('subjectRef') subjectRef: string): Promise<SubjectTimelineView> {
    return this.queryBus.execute(new GetSubjectTimeline(orgId, subjectRef));
  }
}
