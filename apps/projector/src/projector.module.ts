import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { LeaseModule, SubjectTimelineModule } from '@rung/projections';
import { CareerEventsRecordedHandler } from './career-events-recorded.handler';
import { ProjectionLagService } from './projection-lag.service';

/** Keeps the read models level with the event store. */
@Module({
  imports: [CqrsModule, ScheduleModule.forRoot(), SubjectTimelineModule, LeaseModule],
  providers: [CareerEventsRecordedHandler, ProjectionLagService],
  exports: [SubjectTimelineModule],
})
export class ProjectorModule {}
