import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { SubjectsErased } from '@rung/projections';
import { AnalyticsReader } from './analytics-reader';

/** Erased subjects' organisations lose every cached view, so that the next read counts without them. */
@EventsHandler(SubjectsErased)
export class AnalyticsSubjectsErasedHandler implements IEventHandler<SubjectsErased> {
  constructor(private readonly reader: AnalyticsReader) {}

  handle(event: SubjectsErased): void {
    for (const orgId of new Set(event.subjects.map((s) => s.orgId))) this.reader.invalidate(orgId);
  }
}
