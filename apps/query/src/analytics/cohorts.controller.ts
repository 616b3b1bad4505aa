import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiGoneResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import {
  ArchiveCohort, DefineCohort, GetCohort, GetCohortTrajectory, ListCohorts, orThrow, parseReportQuery, parseTrajectoryQuery, type CohortResource,
  type Representation,
} from '@rung/analytics';
import { CallerDisclosure, CallerScope } from '@rung/access';
import type { DisclosureMode, OrgScope } from '@rung/domain';
import { RequiresRole } from '@rung/platform';
import { negotiatedFormat, sendRepresentation } from './representation-response';
import { COHORT_DEFINITION_EXAMPLES, COHORT_DEFINITION_SCHEMA } from '../openapi/bodies.openapi';
import { ReportQuery, RepresentationResponse, TrajectoryQuery } from '../openapi/queries.openapi';

@ApiTags('cohorts')
@Controller('v1/cohorts')
@RequiresRole('research')
export class CohortsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Define a cohort over the key\'s organisations' })
  @ApiBody({ schema: COHORT_DEFINITION_SCHEMA, examples: COHORT_DEFINITION_EXAMPLES })
  @ApiCreatedResponse({ description: 'The cohort, with its id.', schema: { type: 'object' } })
  @ApiUnprocessableEntityResponse({ description: 'The definition is not valid, names an organisation outside the key\'s, or exceeds the definitions limit.' })
  define(@Body() body: unknown, @CallerScope() scope: OrgScope): Promise<CohortResource> {
    return this.commandBus.execute(new DefineCohort(body, scope));
  }

  @Get()
  @ApiOperation({ summary: 'List the cohorts over the key\'s organisations' })
  @ApiOkResponse({ schema: { type: 'object', properties: { cohorts: { type: 'array', items: { type: 'object' } } } } })
  list(@CallerScope() scope: OrgScope): Promise<{ cohorts: CohortResource[] }> {
    return this.queryBus.execute(new ListCohorts(scope));
  }

  @Get(':id')
  @ApiOperation({ summary: 'Read a cohort and its current size' })
  @ReportQuery()
  @RepresentationResponse('The cohort.')
  @ApiNotFoundResponse({ description: 'No such cohort, or one over another organisation.' })
  @ApiGoneResponse({ description: 'The cohort was archived.' })
  @ApiUnprocessableEntityResponse({ description: 'A query parameter is not valid.' })
  async get(@Param('id') id: string, @Query() query: unknown, @CallerScope() scope: OrgScope, @CallerDisclosure() disclosure: DisclosureMode, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { asOf } = orThrow(parseReportQuery(query), 'query');
    await sendRepresentation(req, res, await this.queryBus.execute<GetCohort, Representation>(new GetCohort(id, asOf, scope, disclosure)));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Archive a cohort: it is no longer listed or read, and no new study may use it' })
  @ApiNoContentResponse({ description: 'Archived (archiving again changes nothing).' })
  @ApiNotFoundResponse({ description: 'No such cohort, or one over another organisation.' })
  @ApiConflictResponse({ description: 'A study that is not archived uses the cohort (code in-use).' })
  async archive(@Param('id') id: string, @CallerScope() scope: OrgScope): Promise<void> {
    await this.commandBus.execute(new ArchiveCohort(id, scope));
  }

  @Get(':id/trajectory')
  @ApiOperation({ summary: 'Follow a cohort to an outcome: cumulative incidence over time' })
  @TrajectoryQuery()
  @RepresentationResponse('The trajectory.')
  @ApiNotFoundResponse({ description: 'No such cohort, or one over another organisation.' })
  @ApiUnprocessableEntityResponse({ description: 'A query parameter is not valid, or the query exceeds a cost limit.' })
  async trajectory(
    @Param('id') id: string,
    @Query() query: Record<string, unknown>,
    @CallerScope() scope: OrgScope,
    @CallerDisclosure() disclosure: DisclosureMode,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const params = orThrow(parseTrajectoryQuery({ ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await sendRepresentation(req, res, await this.queryBus.execute<GetCohortTrajectory, Representation>(new GetCohortTrajectory(id, params, scope, disclosure)));
  }
}
