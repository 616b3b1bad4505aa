import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiGoneResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ArchiveStudy, DefineStudy, GetStudy, GetStudyCheckpoint, GetStudyReport, ListStudies, ListStudyCheckpoints, orThrow, parseCheckpointQuery, parseStudyReportQuery,
  type CheckpointStatus, type Representation, type StudyResource,
} from '@rung/analytics';
import { CallerDisclosure, CallerScope } from '@rung/access';
import { DomainError, type DisclosureMode, type OrgScope } from '@rung/domain';
import { RequiresRole } from '@rung/platform';
import { negotiatedFormat, sendRepresentation } from './representation-response';
import { STUDY_DEFINITION_EXAMPLES, STUDY_DEFINITION_SCHEMA } from '../openapi/bodies.openapi';
import { CheckpointQuery, RepresentationResponse, StudyReportQuery } from '../openapi/queries.openapi';

const ARCHIVED = { description: 'The study was archived.' };
const NOT_FOUND = { description: 'No such study, or one over another organisation.' };

@ApiTags('studies')
@Controller('v1/studies')
@RequiresRole('research')
export class StudiesController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Define a study comparing two or more cohorts (arms)' })
  @ApiBody({ schema: STUDY_DEFINITION_SCHEMA, examples: STUDY_DEFINITION_EXAMPLES })
  @ApiCreatedResponse({ description: 'The study, with its id.', schema: { type: 'object' } })
  @ApiUnprocessableEntityResponse({ description: 'The definition is not valid, an arm names a cohort that does not exist (or that the key cannot see), or a limit is exceeded.' })
  define(@Body() body: unknown, @CallerScope() scope: OrgScope): Promise<StudyResource> {
    return this.commandBus.execute(new DefineStudy(body, scope));
  }

  @Get()
  @ApiOperation({ summary: 'List the studies over the key\'s organisations' })
  @ApiOkResponse({ schema: { type: 'object', properties: { studies: { type: 'array', items: { type: 'object' } } } } })
  list(@CallerScope() scope: OrgScope): Promise<{ studies: StudyResource[] }> {
    return this.queryBus.execute(new ListStudies(scope));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a study\'s definition' })
  @ApiOkResponse({ schema: { type: 'object' } })
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiGoneResponse(ARCHIVED)
  get(@Param('id') id: string, @CallerScope() scope: OrgScope): Promise<StudyResource> {
    return this.queryBus.execute(new GetStudy(id, scope));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive a study: it is no longer listed or reported; its frozen checkpoints stay readable' })
  @ApiNoContentResponse({ description: 'Archived (archiving again changes nothing).' })
  @ApiNotFoundResponse(NOT_FOUND)
  async archive(@Param('id') id: string, @CallerScope() scope: OrgScope): Promise<void> {
    await this.commandBus.execute(new ArchiveStudy(id, scope));
  }

  @Get(':id/report')
  @ApiOperation({ summary: 'The study report: each arm\'s trajectories and their comparison' })
  @StudyReportQuery()
  @RepresentationResponse('The report.')
  @ApiNotFoundResponse(NOT_FOUND)
  @ApiGoneResponse(ARCHIVED)
  @ApiUnprocessableEntityResponse({ description: 'A query parameter is not valid, or the report exceeds a cost limit.' })
  async report(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CallerScope() scope: OrgScope,
    @CallerDisclosure() disclosure: DisclosureMode,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const { asOf, format, part } = orThrow(parseStudyReportQuery({ ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await sendRepresentation(req, res, await this.queryBus.execute<GetStudyReport, Representation>(new GetStudyReport(id, asOf, format, scope, disclosure, part)));
  }

  @Get(':id/checkpoints')
  @ApiOperation({ summary: 'The study\'s checkpoints and whether each is frozen yet' })
  @ApiOkResponse({ schema: { type: 'object', properties: { studyId: { type: 'string' }, recruitmentEnd: { type: 'string', format: 'date' }, checkpoints: { type: 'array', items: { type: 'object' } } } } })
  @ApiNotFoundResponse(NOT_FOUND)
  checkpoints(@Param('id') id: string, @CallerScope() scope: OrgScope, @CallerDisclosure() disclosure: DisclosureMode): Promise<{ studyId: string; recruitmentEnd: string; checkpoints: CheckpointStatus[] }> {
    return this.queryBus.execute(new ListStudyCheckpoints(id, scope, disclosure));
  }

  @Get(':id/checkpoints/:month')
  @ApiOperation({ summary: 'The report frozen at a checkpoint' })
  @ApiParam({ name: 'month', description: 'One of the study\'s checkpointsMonths.', schema: { type: 'integer', minimum: 0, maximum: 999 } })
  @CheckpointQuery()
  @RepresentationResponse('The frozen report.')
  @ApiNotFoundResponse({ description: 'No such study or checkpoint.' })
  @ApiConflictResponse({ description: 'The checkpoint is not reached yet.' })
  @ApiUnprocessableEntityResponse({ description: 'month is not a whole number, or a query parameter is not valid.' })
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
    const { format, part } = orThrow(parseCheckpointQuery({ ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await sendRepresentation(req, res, await this.queryBus.execute<GetStudyCheckpoint, Representation>(new GetStudyCheckpoint(id, Number(month), format, scope, disclosure, part)));
  }
}
