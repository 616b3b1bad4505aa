import { EventsHandler, type IEventHandler } from '@nestjs/cqrs';
import { CareerEventsRecorded } from '@rung/event-store';
import { JsonLogger } from '@rung/platform';
import { SubjectTimelineProjector } from '@rung/projections';

/** The fast path: project what was just appended. The lag check is the safety net. */
@EventsHandler(CareerEventsRecorded)
export class CareerEventsRecordedHandler implements IEventHandler<CareerEventsRecorded> {
  constructor(
    private readonly projector: SubjectTimelineProjector,
    private readonly logger: JsonLogger,
  ) {}

  async handle(event: CareerEventsRecorded): Promise<void> {
    try {
      await this.projector.applyAppended(event.appended);
    } catch (error) {
      this.logger.event('warn', 'projection deferred to the lag check', { error: (error as Error).name });
    }
  }
}
