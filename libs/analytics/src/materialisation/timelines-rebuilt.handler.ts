import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { TimelinesRebuilt } from '@rung/projections';
import { AnalyticsReader } from './analytics-reader';

/** After a rebuild in this process every cached view is dropped; other processes hear of it through ReadModelWatch. */
@EventsHandler(TimelinesRebuilt)
export class AnalyticsTimelinesRebuiltHandler implements IEventHandler<TimelinesRebuilt> {
  constructor(private readonly reader: AnalyticsReader) {}

  handle(): void {
    this.reader.invalidateAll();
  }
}
