import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, providedByBackend, type EventStore } from '@rung/event-store';
import { ReadModelVersionsModule } from '../read-model-versions/read-model-versions.module';
import { READ_MODEL_VERSIONS, type ReadModelVersions } from '../read-model-versions/read-model-versions.port';
import { MongoSubjectTimelineStore } from './mongo-subject-timeline.store';
import { GetSubjectTimelineHandler } from './subject-timeline.query';
import { SubjectTimelineProjector } from './subject-timeline.projector';
import { InMemorySubjectTimelineStore, SUBJECT_TIMELINE_STORE, type SubjectTimelineStore } from './subject-timeline.store';

@Module({
  imports: [CqrsModule, ReadModelVersionsModule],
  providers: [
    // Timelines live beside the events: in memory with the embedded store, in MongoDB with the Mongo one.
    providedByBackend<SubjectTimelineStore>(SUBJECT_TIMELINE_STORE, { embedded: () => new InMemorySubjectTimelineStore(), mongo: (c) => MongoSubjectTimelineStore.open(c) }),
    {
      provide: SubjectTimelineProjector,
      useFactory: (events: EventStore, timelines: SubjectTimelineStore, versions: ReadModelVersions) => new SubjectTimelineProjector(events, timelines, versions),
      inject: [EVENT_STORE, SUBJECT_TIMELINE_STORE, READ_MODEL_VERSIONS],
    },
    GetSubjectTimelineHandler,
  ],
  exports: [SubjectTimelineProjector, SUBJECT_TIMELINE_STORE, ReadModelVersionsModule],
})
export class SubjectTimelineModule {}
