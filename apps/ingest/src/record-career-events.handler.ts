import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import { validateCareerEvent, type CareerEvent, type PseudonymisedEvent } from '@rung/contracts';
import { CareerEventsRecorded, EVENT_STORE, type AppendRequest, type EventStore, type StreamAppendResult } from '@rung/event-store';
import { PSEUDONYMISER, type Pseudonymiser } from '@rung/platform';
import { RecordCareerEvents, type EventResult, type RecordingReport } from './record-career-events.command';

const CONFLICT = { path: 'eventId', message: 'an event with this eventId and a different body is already stored' };

@CommandHandler(RecordCareerEvents)
export class RecordCareerEventsHandler implements ICommandHandler<RecordCareerEvents, RecordingReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PSEUDONYMISER) private readonly pseudonymiser: Pseudonymiser,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ events }: RecordCareerEvents): Promise<RecordingReport> {
    const results: EventResult[] = new Array(events.length);
    const streams = new Map<string, { event: PseudonymisedEvent; index: number }[]>();
    const pseudonymise = this.batchPseudonymiser();
    events.forEach((raw, index) => {
      const checked = validateCareerEvent(raw);
      if (!checked.ok) results[index] = { eventId: rawEventId(raw), status: 'rejected', errors: checked.errors };
      else this.enqueue(streams, pseudonymise(checked.event), index);
    });
    const requests: AppendRequest[] = [...streams].map(([streamId, list]) => ({ streamId, events: list.map((x) => x.event) }));
    const appended = requests.length ? await this.store.append(requests) : [];
    appended.forEach((stream) => this.collect(stream, streams.get(stream.streamId) ?? [], results));
    if (appended.some((s) => s.stored.length)) this.eventBus.publish(new CareerEventsRecorded(appended));
    return summarise(results);
  }

  /** A batch usually holds several events per subject: each pseudonym is computed once per batch, and forgotten after it. */
  private batchPseudonymiser(): (event: CareerEvent) => PseudonymisedEvent {
    const known = new Map<string, string>();
    return ({ subjectRef, ...event }) => {
      const key = `${event.orgId}\u0000${subjectRef}`;
      let subjectId = known.get(key);
      if (subjectId === undefined) known.set(key, (subjectId = this.pseudonymiser.subjectId(event.orgId, subjectRef)));
      return { ...event, subjectId } as PseudonymisedEvent;
    };
  }

  private enqueue(streams: Map<string, { event: PseudonymisedEvent; index: number }[]>, event: PseudonymisedEvent, index: number): void {
    const list = streams.get(event.subjectId);
    if (list) list.push({ event, index });
    else streams.set(event.subjectId, [{ event, index }]);
  }

  private collect(stream: StreamAppendResult, sent: { index: number }[], results: EventResult[]): void {
    stream.results.forEach((r, i) => {
      const index = sent[i].index;
      if (r.status === 'stored' || r.status === 'duplicate') results[index] = { eventId: r.eventId, status: r.status };
      else results[index] = { eventId: r.eventId, status: 'rejected', errors: [CONFLICT] };
    });
  }
}

function rawEventId(raw: unknown): string | null {
  const id = (raw as { eventId?: unknown } | null)?.eventId;
  return typeof id === 'string' && id.length <= 64 ? id : null;
}

function summarise(results: EventResult[]): RecordingReport {
  const count = (status: EventResult['status']): number => results.filter((r) => r.status === status).length;
  return { accepted: count('stored'), duplicates: count('duplicate'), rejected: count('rejected'), results };
}
