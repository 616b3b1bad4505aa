import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { SubjectTimelineModule } from '@rung/projections';
import { TimelineController } from './timeline.controller';

/** The read side: timelines now; cohorts, studies, indicators and trends as they land. */
@Module({
  imports: [CqrsModule, SubjectTimelineModule],
  controllers: [TimelineController],
})
export class QueryModule {}
