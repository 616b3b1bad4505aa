import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiBody, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CallerScope } from '@rung/access';
import type { OrgScope } from '@rung/domain';
import { RequiresRole, RUNG_CONFIG, RungMetrics, type RungConfig } from '@rung/platform';
import { eventsFromBody } from './ingest-body';
import { EVENTS_BODY_EXAMPLES, EVENTS_BODY_SCHEMA, RECORDING_REPORT_SCHEMA } from './openapi/events.openapi';
import { checkWriteScope } from './ingest-scope';
import { RecordCareerEvents, type RecordingReport } from './record-career-events.command';

@ApiTags('events')
@Controller('v1/events')
@RequiresRole('ingest')
export class EventsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
    private readonly metrics: RungMetrics,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({ summary: 'Record one career event or a batch', description: 'Idempotent by eventId: a resend is counted as a duplicate and stored once. Valid events are stored even when others in the batch are rejected.' })
  @ApiBody({ schema: EVENTS_BODY_SCHEMA, examples: EVENTS_BODY_EXAMPLES })
  @ApiOkResponse({ description: 'Nothing was rejected.', schema: RECORDING_REPORT_SCHEMA })
  @ApiResponse({ status: 403, description: 'The batch names an organisation outside the key\'s; nothing of it is stored.' })
  @ApiResponse({ status: 409, description: 'An event id is already stored with a different body.' })
  @ApiResponse({ status: 422, description: 'Some events were rejected (the valid ones are stored); each result names its errors.', schema: RECORDING_REPORT_SCHEMA })
  async record(@Body() body: unknown, @CallerScope() scope: OrgScope, @Res({ passthrough: true }) res: Response): Promise<RecordingReport> {
    const events = eventsFromBody(body, this.config.maxBatchEvents);
    checkWriteScope(events, scope);
    const report = await this.commandBus.execute(new RecordCareerEvents(events));
    this.metrics.eventsRecorded('http', report);
    if (report.rejected > 0) res.status(422);
    return report;
  }
}
