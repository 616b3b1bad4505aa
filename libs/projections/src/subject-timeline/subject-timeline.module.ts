import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, STORE_BACKEND, type EventStore, type StoreBackend } from '@rung/event-store';
import { MongoSubjectTimelineStore } from './mongo-subject-timeline.store';
import { GetSubjectTimelineHandler } from './subject-timeline.query';
import { SubjectTimelineProjector } from './subject-timeline.projector';
import { InMemorySubjectTimelineStore, SUBJECT_TIMELINE_STORE, type SubjectTimelineStore } from './subject-timeline.store';

/** Timelines live beside the events: in memory with the embedded store, in MongoDB with the Mongo one. */
async function openTimelineStore(backend: StoreBackend): Promise<SubjectTimelineStore> {
  switch (backend.kind) {
    case 'embedded':
      return new InMemorySubjectTimelineStore();
    case 'mongo':
      return MongoSubjectTimelineStore.open(backend.connection);
  }
}

@Module({
  imports: [CqrsModule],
  providers: [
    { provide: SUBJECT_TIMELINE_STORE, useFactory: openTimelineStore, inject: [STORE_BACKEND] },
    {
      provide: SubjectTimelineProjector,
      useFactory: (events: EventStore, timelines: SubjectTimelineStore) => new SubjectTimelineProjector(events, timelines),
      inject: [EVENT_STORE, SUBJECT_TIMELINE_STORE],
    },
    GetSubjectTimelineHandler,
  ],
  exports: [SubjectTimelineProjector, SUBJECT_TIMELINE_STORE],
})
export class SubjectTimelineModule {}
