import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AnalyticsModule } from '@rung/analytics';
import { SubjectTimelineModule } from '@rung/projections';
import { CohortsController } from './analytics/cohorts.controller';
import { IndicatorsController } from './analytics/indicators.controller';
import { StudiesController } from './analytics/studies.controller';
import { TimelineController } from './timeline.controller';

/** The read side: timelines, and cohorts, studies, indicators and trends (§7a). */
@Module({
  imports: [CqrsModule, SubjectTimelineModule, AnalyticsModule],
  controllers: [TimelineController, CohortsController, StudiesController, IndicatorsController],
})
export class QueryModule {}
