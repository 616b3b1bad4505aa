import { Inject } from '@nestjs/common';
import { CommandHandler, EventBus, type ICommandHandler } from '@nestjs/cqrs';
import {
  CareerEventsRecorded, EVENT_STORE, SUBJECT_KEY_STORE, type AppendRequest, type EventStore, type StreamAppendResult, type SubjectKeyStore,
} from '@rung/event-store';
import { CODE_LIST_STORE, unlistedCodes, type CodeListStore } from './code-lists';
import { EVENT_PREPARER, type EventPreparer, type PreparedEvent } from './preparation';
import { RecordCareerEvents, type EventResult, type RecordingReport } from './record-career-events.command';
import { STRAY_RETRACTION, strayRetractions, type Queued } from './retraction-check';

const CONFLICT = { path: 'eventId', message: 'an event with this eventId and a different body is already stored' };
/** Events of an erased subject are refused for good: a resend or a backfill must not bring them back. */
const ERASED = { path: 'subjectRef', message: 'subject erased: this subject was erased on request, and no event of theirs is accepted again' };

@CommandHandler(RecordCareerEvents)
export class RecordCareerEventsHandler implements ICommandHandler<RecordCareerEvents, RecordingReport> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_PREPARER) private readonly preparer: EventPreparer,
    @Inject(CODE_LIST_STORE) private readonly codeLists: CodeListStore,
    @Inject(SUBJECT_KEY_STORE) private readonly subjectKeys: SubjectKeyStore,
    private readonly eventBus: EventBus,
  ) {}

  async execute({ events }: RecordCareerEvents): Promise<RecordingReport> {
    const results: EventResult[] = new Array(events.length);
    const streams = groupByStream(await this.checkCodeLists(await this.preparer.prepare(events)), results);
    await this.rejectErased(streams, results);
    await this.rejectStrayRetractions(streams, results);
    const requests: AppendRequest[] = [...streams].filter(([, list]) => list.length).map(([streamId, list]) => ({
      streamId, events: list.map((x) => x.event), bodyHashes: list.map((x) => x.bodyHash),
    }));
    const appended = requests.length ? await this.store.append(requests) : [];
    appended.forEach((stream) => collect(stream, streams.get(stream.streamId) ?? [], results));
    if (appended.some((s) => s.stored.length)) this.eventBus.publish(new CareerEventsRecorded(appended));
    return summarise(results);
  }

  /** Events naming a code that is not on their organisation's registered list are rejected at that field. */
  private async checkCodeLists(prepared: PreparedEvent[]): Promise<PreparedEvent[]> {
    const orgIds = [...new Set(prepared.flatMap((p) => (p.ok ? [p.event.orgId] : [])))];
    const lists = new Map(await Promise.all(orgIds.map(async (orgId) => [orgId, await this.codeLists.get(orgId)] as const)));
    return prepared.map((p) => {
      if (!p.ok) return p;
      const errors = unlistedCodes(p.event, lists.get(p.event.orgId));
      return errors.length ? { ok: false, eventId: p.event.eventId, errors } : p;
    });
  }

  private async rejectErased(streams: Map<string, Queued[]>, results: EventResult[]): Promise<void> {
    const erased = await this.subjectKeys.isErased([...streams.keys()]);
    for (const streamId of erased) {
      for (const q of streams.get(streamId) ?? []) results[q.index] = { eventId: q.event.eventId, status: 'rejected', errors: [ERASED] };
      streams.delete(streamId);
    }
  }

  /**
   * A retraction must name an event already stored for its subject, or sent before it in this batch.
   * Senders with batches in flight hold a retraction back until its target's batch is acknowledged.
   */
  private async rejectStrayRetractions(streams: Map<string, Queued[]>, results: EventResult[]): Promise<void> {
    const strays = await strayRetractions(streams, (eventId, streamId) => this.store.locateEvent(eventId, streamId));
    const rejected = new Set(strays);
    for (const q of strays) results[q.index] = { eventId: q.event.eventId, status: 'rejected', errors: [STRAY_RETRACTION] };
    for (const [streamId, list] of streams) if (list.some((q) => rejected.has(q))) streams.set(streamId, list.filter((q) => !rejected.has(q)));
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
