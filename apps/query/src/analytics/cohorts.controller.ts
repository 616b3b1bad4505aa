import { Body, Controller, Get, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import type { Request, Response } from 'express';
import {
  DefineCohort, GetCohort, GetCohortTrajectory, ListCohorts, orThrow, parseReportQuery, parseTrajectoryQuery, type CohortResource,
  type Representation,
} from '@rung/analytics';
import { CallerDisclosure, CallerScope } from '@rung/access';
import type { DisclosureMode, OrgScope } from '@rung/domain';
import { RequiresRole } from '@rung/platform';
import { negotiatedFormat, sendRepresentation } from './representation-response';

@Controller('v1/cohorts')
@RequiresRole('research')
export class CohortsController {
  constructor(
    private readonly commandBus: CommandBus,
    private readonly queryBus: QueryBus,
  ) {}

  @Post()
  @HttpCode(201)
  define(@Body() body: unknown, @CallerScope() scope: OrgScope): Promise<CohortResource> {
    return this.commandBus.execute(new DefineCohort(body, scope));
  }

  @Get()
  list(@CallerScope() scope: OrgScope): Promise<{ cohorts: CohortResource[] }> {
    return this.queryBus.execute(new ListCohorts(scope));
  }

  @Get(':id')
  async get(@Param('id') id: string, @Query() query: unknown, @CallerScope() scope: OrgScope, @CallerDisclosure() disclosure: DisclosureMode, @Req() req: Request, @Res() res: Response): Promise<void> {
    const { asOf } = orThrow(parseReportQuery(query), 'query');
    await sendRepresentation(req, res, await this.queryBus.execute<GetCohort, Representation>(new GetCohort(id, asOf, scope, disclosure)));
  }

  @Get(':id/trajectory')
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
