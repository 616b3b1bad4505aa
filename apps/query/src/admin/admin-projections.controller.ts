import { Controller, Get, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { Caller, type Principal } from '@rung/access';
import { DomainError } from '@rung/domain';
import { CLOCK, RequiresRole, type Clock } from '@rung/platform';
import { REBUILD_LOG, type RebuildLog, type RebuildRecord } from '@rung/projections';
import { REBUILD_RECORD_SCHEMA } from '../openapi/bodies.openapi';

/**
 * Timeline rebuilds: asked for here, run by the projector that holds the rebuild lease, into a new
 * generation that replaces the live timelines only when complete.
 */
@ApiTags('admin')
@Controller('v1/admin/projections/rebuild')
@RequiresRole('admin')
export class AdminProjectionsController {
  constructor(
    @Inject(REBUILD_LOG) private readonly log: RebuildLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({
    summary: 'Rebuild the timelines into a new generation',
    description: 'Answers 202 with the new rebuild; while one is already asked for or running, answers 200 with that one. The projector picks it up within seconds; readers keep the current timelines until the new ones are complete.',
  })
  @ApiAcceptedResponse({ schema: REBUILD_RECORD_SCHEMA })
  @ApiOkResponse({ schema: REBUILD_RECORD_SCHEMA, description: 'A rebuild is already asked for or running.' })
  async request(@Caller() caller: Principal, @Res({ passthrough: true }) res: Response): Promise<RebuildRecord> {
    const { record, created } = await this.log.request(caller.keyId, this.clock().toISOString());
    if (!created) res.status(200);
    return record;
  }

  @Get()
  @ApiOperation({ summary: 'The latest rebuild and its progress' })
  @ApiOkResponse({ schema: REBUILD_RECORD_SCHEMA })
  @ApiNotFoundResponse({ description: 'No rebuild has been asked for.' })
  async latest(): Promise<RebuildRecord> {
    const record = await this.log.latest();
    if (!record) throw new DomainError('not-found', 'No rebuild has been asked for.');
    return record;
  }
}
