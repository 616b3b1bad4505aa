import { Controller, Get, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { GetIndicators, GetTrend, INDICATOR_NAMES, isIndicatorName, orThrow, parseIndicatorsQuery, parseTrendQuery, type Representation } from '@rung/analytics';
import { DomainError, type DisclosureMode } from '@rung/domain';
import { CallerDisclosure, OrgScoped } from '@rung/access';
import { RequiresRole } from '@rung/platform';
import { NotModifiedReplay } from './not-modified/not-modified-replay';
import { negotiatedFormat } from './representation-response';
import { IndicatorsQuery, RepresentationResponse, TrendQuery } from '../openapi/queries.openapi';

const INVALID = { description: 'A query parameter is not valid, or the period or number of points is over the limit.' };

@ApiTags('indicators')
@Controller('v1')
@RequiresRole('research', 'dashboard')
@OrgScoped({ in: 'query', name: 'orgId' })
export class IndicatorsController {
  constructor(
    private readonly queryBus: QueryBus,
    private readonly notModified: NotModifiedReplay,
  ) {}

  @Get('indicators')
  @ApiOperation({ summary: 'Equality indicators of one organisation over a period' })
  @IndicatorsQuery()
  @RepresentationResponse('The indicators, by group.')
  @ApiUnprocessableEntityResponse(INVALID)
  async indicators(@Query() query: Record<string, unknown>, @CallerDisclosure() disclosure: DisclosureMode, @Req() req: Request, @Res() res: Response): Promise<void> {
    const params = orThrow(parseIndicatorsQuery({ ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await this.notModified.send(req, res, await this.queryBus.execute<GetIndicators, Representation>(new GetIndicators(params, disclosure)));
  }

  @Get('trends/:indicator')
  @ApiOperation({ summary: 'One indicator over time' })
  @TrendQuery()
  @RepresentationResponse('The trend, one point per interval.')
  @ApiNotFoundResponse({ description: 'There is no such indicator.' })
  @ApiUnprocessableEntityResponse(INVALID)
  async trend(
    @Param('indicator') indicator: string,
    @Query() query: Record<string, unknown>,
    @CallerDisclosure() disclosure: DisclosureMode,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    if (!isIndicatorName(indicator)) throw new DomainError('not-found', `There is no indicator ${JSON.stringify(indicator.slice(0, 64))}; use one of: ${INDICATOR_NAMES.join(', ')}.`);
    const params = orThrow(parseTrendQuery(indicator, { ...query, format: negotiatedFormat(req, query.format) }), 'query');
    await this.notModified.send(req, res, await this.queryBus.execute<GetTrend, Representation>(new GetTrend(params, disclosure)));
  }
}
