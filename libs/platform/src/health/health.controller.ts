import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, type SchemaObject } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../http';
import { Readiness } from './readiness';

const READY: SchemaObject = { type: 'object', properties: { status: { type: 'string', enum: ['ready', 'not-ready'] }, checks: { type: 'object', additionalProperties: { type: 'boolean' } } } };

@ApiTags('health')
@Controller('health')
@PublicRoute()
export class HealthController {
  constructor(private readonly readiness: Readiness) {}

  @Get('live')
  @HttpCode(200)
  @ApiOperation({ summary: 'Liveness: the process answers' })
  @ApiOkResponse({ schema: { type: 'object', properties: { status: { type: 'string', enum: ['ok'] } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOperation({ summary: 'Readiness: the stores this service needs are reachable' })
  @ApiOkResponse({ schema: READY })
  @ApiServiceUnavailableResponse({ description: 'Not ready.', content: { 'application/json': { schema: READY } } })
  async ready(@Res({ passthrough: true }) res: Response): Promise<{ status: string; checks: Record<string, boolean> }> {
    const report = await this.readiness.report();
    res.status(report.ready ? 200 : 503);
    return { status: report.ready ? 'ready' : 'not-ready', checks: report.checks };
  }
}
