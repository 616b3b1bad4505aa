import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import type { PseudonymisedEvent } from '@rung/contracts';
import { CareerEventsRecorded, EVENT_STORE, type AppendRequest, type EventStore, type StreamAppendResult } from '@rung/event-store';
import { EVENT_PREPARER, type EventPreparer, type PreparedEvent } from './preparation';
import { RecordCareerEvents, type EventResult, type RecordingReport } from './record-career-events.command';

const CONFLICT = { path: 'eventId', message: 'an event with this eventId and a different body is already stored' };

interface Queued {
  event: PseudonymisedEvent;
  bodyHash: string;
  index: number;
}

@CommandHandler(RecordCareerEvents)
export class RecordCareerEventsHandler implements ICommandHandler<RecordCareerEvents, RecordingReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_PREPARER) private readonly preparer: EventPreparer,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ events }: RecordCareerEvents): Promise<RecordingReport> {
    const results: EventResult[] = new Array(events.length);
    const streams = groupByStream(await this.preparer.prepare(events), results);
    const requests: AppendRequest[] = [...streams].map(([streamId, list]) => ({
      streamId, events: list.map((x) => x.event), bodyHashes: list.map((x) => x.bodyHash),
    }));
    const appended = requests.length ? await this.store.append(requests) : [];
    appended.forEach((stream) => collect(stream, streams.get(stream.streamId) ?? [], results));
    if (appended.some((s) => s.stored.length)) this.eventBus.publish(new CareerEventsRecorded(appended));
    return summarise(results);
  }
}

/** Valid events grouped by subject stream in batch order; rejected ones go straight into the results. */
function groupByStream(prepared: PreparedEvent[], results: EventResult[]): Map<string, Queued[]> {
  const streams = new Map<string, Queued[]>();
  prepared.forEach((p, index) => {
    if (!p.ok) {
      results[index] = { eventId: p.eventId, status: 'rejected', errors: p.errors };
      return;
    }
    const queued = { event: p.event, bodyHash: p.bodyHash, index };
    const list = streams.get(p.event.subjectId);
    if (list) list.push(queued);
    else streams.set(p.event.subjectId, [queued]);
  });
  return streams;
}

function collect(stream: StreamAppendResult, sent: Queued[], results: EventResult[]): void {
  stream.results.forEach((r, i) => {
    const index = sent[i].index;
    if (r.status === 'stored' || r.status === 'duplicate') results[index] = { eventId: r.eventId, status: r.status };
    else results[index] = { eventId: r.eventId, status: 'rejected', errors: [CONFLICT] };
  });
}

function summarise(results: EventResult[]): RecordingReport {
  const count = (status: EventResult['status']): number => results.filter((r) => r.status === status).length;
  return { accepted: count('stored'), duplicates: count('duplicate'), rejected: count('rejected'), results };
}
