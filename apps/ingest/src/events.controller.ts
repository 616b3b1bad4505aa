import { Body, Controller, HttpCode, Inject, Post, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { CallerScope } from '@rung/access';
import type { OrgScope } from '@rung/domain';
import { RequiresRole, RUNG_CONFIG, type RungConfig } from '@rung/platform';
import { eventsFromBody } from './ingest-body';
import { checkWriteScope } from './ingest-scope';
import { RecordCareerEvents, type RecordingReport } from './record-career-events.command';

@Controller('v1/events')
@RequiresRole('ingest')
export class EventsController {
  constructor(
    private readonly commandBus: CommandBus,
    @Inject(RUNG_CONFIG) private readonly config: RungConfig,
  ) {}

  @Post()
  @HttpCode(200)
  async record(@Body() body: unknown, @CallerScope() scope: OrgScope, @Res({ passthrough: true }) res: Response): Promise<RecordingReport> {
    const events = eventsFromBody(body, this.config.maxBatchEvents);
    checkWriteScope(events, scope);
    const report = await this.commandBus.execute(new RecordCareerEvents(events));
    if (report.rejected > 0) res.status(422);
    return report;
  }
}
