import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ScheduleModule } from '@nestjs/schedule';
import { EVENT_STORE, type EventStore } from '@rung/event-store';
import {
  LeaseModule, READ_MODEL_VERSIONS, REBUILD_LOG, RebuildLogModule, SUBJECT_TIMELINE_STORE, SubjectTimelineModule, TimelineRebuild,
  type ReadModelVersions, type RebuildLog, type SubjectTimelineStore,
} from '@rung/projections';
import { CareerEventsRecordedHandler } from './career-events-recorded.handler';
import { ProjectionLagService } from './projection-lag.service';
import { ProjectionRebuilds } from './projection-rebuilds.service';

/** Keeps the read models level with the event store: the only writer of timelines. */
@Module({
  imports: [CqrsModule, ScheduleModule.forRoot(), SubjectTimelineModule, LeaseModule, RebuildLogModule],
  providers: [
    CareerEventsRecordedHandler, ProjectionLagService, ProjectionRebuilds,
    {
      provide: TimelineRebuild,
      useFactory: (events: EventStore, timelines: SubjectTimelineStore, versions: ReadModelVersions, log: RebuildLog) => new TimelineRebuild(events, timelines, versions, log),
      inject: [EVENT_STORE, SUBJECT_TIMELINE_STORE, READ_MODEL_VERSIONS, REBUILD_LOG],
    },
  ],
  exports: [SubjectTimelineModule],
})
export class ProjectorModule {}
