import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { CareerEventsRecorded } from '@rung/event-store';
import { AnalyticsReader } from './analytics-reader';

/**
 * Moves the data version of every organisation an append touched, synchronously as the event is
 * published, so that no view cached before the append is served after it.
 */
@EventsHandler(CareerEventsRecorded)
export class AnalyticsCareerEventsRecordedHandler implements IEventHandler<CareerEventsRecorded> {
  constructor(private readonly reader: AnalyticsReader) {}

  handle(event: CareerEventsRecorded): void {
    const streams = event.appended
      .filter((s) => s.stored.length > 0)
      .map((s) => ({ streamId: s.streamId, orgId: s.stored[0].orgId, version: s.version }));
    if (streams.length) this.reader.recorded(streams);
  }
}
