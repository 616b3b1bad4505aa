import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { CodeListsModule } from './code-lists';
import { EventsController } from './events.controller';
import { EventPreparationModule } from './preparation';
import { RecordCareerEventsHandler } from './record-career-events.handler';

/** The command side: POST /v1/events through RecordCareerEvents into the event store. */
@Module({
  imports: [CqrsModule, EventPreparationModule, CodeListsModule],
  controllers: [EventsController],
  providers: [RecordCareerEventsHandler],
})
export class IngestModule {}
