import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rung/event-store';
import { GetSubjectTimelineHandler } from './subject-timeline.query';
import { SubjectTimelineProjector } from './subject-timeline.projector';
import { InMemorySubjectTimelineStore, SUBJECT_TIMELINE_STORE, type SubjectTimelineStore } from './subject-timeline.store';

@Module({
  imports: [CqrsModule],
  providers: [
    { provide: SUBJECT_TIMELINE_STORE, useClass: InMemorySubjectTimelineStore },
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
