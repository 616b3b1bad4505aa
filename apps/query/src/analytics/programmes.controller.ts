import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GetProgrammeMonitoring, orThrow, parseProgrammeMonitoringQuery } from '@rung/analytics';
import type { DisclosureMode } from '@rung/domain';
import { CallerDisclosure, OrgScoped } from '@rung/access';
import { RequiresRole } from '@rung/platform';
import { NotModifiedReplay } from './not-modified/not-modified-replay';
import { negotiatedFormat } from './representation-response';
import { ProgrammeMonitoringQuery, RepresentationResponse } from '../openapi/queries.openapi';

@ApiTags('programmes')
@Controller('v1/programmes')
@RequiresRole('research', 'dashboard')
@OrgScoped({ in: 'param', name: 'orgId' })
export class ProgrammesController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly notModified: NotModifiedReplay,
  ) {}

  @Get(':orgId/monitoring')
  @ApiOperation({
    summary: 'Programme monitoring of one organisation over a period',
    description: 'Per programme kind and per programme, by group: take-up, completion and withdrawal, the share with protected time, '
      + 'and mentor and coach diversity (§12). Every count and share goes through disclosure control.',
  })
  @ProgrammeMonitoringQuery()
  @RepresentationResponse('The monitoring figures, per kind and programme, by group.')
  @ApiUnprocessableEntityResponse({ description: 'A query parameter is not valid (an unknown grouping, programme kind or level), or the period is over the limit.' })
  async monitoring(
    @Param('orgId') orgId: string,
    @Query() query: Record<string, unknown>,
    @CallerDisclosure() disclosure: DisclosureMode,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const params = orThrow(parseProgrammeMonitoringQuery(orgId, { ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await this.notModified.send(req, res, await this.queryBus.execute(new GetProgrammeMonitoring(params, disclosure)));
  }
}
