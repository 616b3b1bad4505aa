import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import {
  DefineStudy, GetStudy, GetStudyCheckpoint, GetStudyReport, ListStudies, ListStudyCheckpoints, orThrow, parseFormatQuery, parseReportQuery,
  type CheckpointStatus, type Representation, type StudyResource,
} from '@rung/analytics';
import { CallerDisclosure, CallerScope } from '@rung/access';
import { DomainError, type DisclosureMode, type OrgScope } from '@rung/domain';
import { RequiresRole } from '@rung/platform';
import { negotiatedFormat, sendRepresentation } from './representation-response';

@Controller('v1/studies')
@RequiresRole('research')
export class StudiesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  define(@Body() body: unknown, @CallerScope() scope: OrgScope): Promise<StudyResource> {
    return this.commandBus.execute(new DefineStudy(body, scope));
  }

  @Get()
  list(@CallerScope() scope: OrgScope): Promise<{ studies: StudyResource[] }> {
    return this.queryBus.execute(new ListStudies(scope));
  }

  @Get(':id')
  get(@Param('id') id: string, @CallerScope() scope: OrgScope): Promise<StudyResource> {
    return this.queryBus.execute(new GetStudy(id, scope));
  }

  @Get(':id/report')
  async report(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CallerScope() scope: OrgScope,
    @CallerDisclosure() disclosure: DisclosureMode,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { asOf, format } = orThrow(parseReportQuery({ ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await sendRepresentation(req, res, await this.queryBus.execute<GetStudyReport, Representation>(new GetStudyReport(id, asOf, format, scope, disclosure)));
  }

  @Get(':id/checkpoints')
  checkpoints(@Param('id') id: string, @CallerScope() scope: OrgScope, @CallerDisclosure() disclosure: DisclosureMode): Promise<{ studyId: string; recruitmentEnd: string; checkpoints: CheckpointStatus[] }> {
    return this.queryBus.execute(new ListStudyCheckpoints(id, scope, disclosure));
  }

  @Get(':id/checkpoints/:month')
  async checkpoint(
    @Param('id') id: string,
    @Param('month') month: string,
    @Query() query: Record<string, unknown>,
    @CallerScope() scope: OrgScope,
    @CallerDisclosure() disclosure: DisclosureMode,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!/^\d{1,3}$/.test(month)) throw new DomainError('validation-failed', 'The checkpoint is not valid.', [{ path: 'month', message: 'must be a whole number of months' }]);
    const { format } = orThrow(parseFormatQuery({ ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await sendRepresentation(req, res, await this.queryBus.execute<GetStudyCheckpoint, Representation>(new GetStudyCheckpoint(id, Number(month), format, scope, disclosure)));
  }
}
