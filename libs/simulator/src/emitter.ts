import type { CareerEvent, EventDataByType, EventType } from '@rung/contracts';
import { isoOf } from './calendar';
import type { Prng } from './prng';

export interface SubjectKey {
  orgId: string;
  ref: string;
}

interface Pending {
  arrival: number;
  seq: number;
  event: CareerEvent;
}

/**
 * Builds events of §4 with ids drawn from their own stream, and hands them out in arrival order. Most
 * events arrive on their business date; a share arrives one to six months late, and a retraction no
 * earlier than the event it retracts.
 */
export class Emitter {
  private pending: Pending[] = [];
  private seq = 0;
  private emitted = 0;

  constructor(
    private readonly ids: Prng,
    private readonly lateness: Prng,
    private readonly lateShare: number,
  ) {}

  emit<T extends EventType>(type: T, who: SubjectKey, day: number, source: string, data: EventDataByType[T]): CareerEvent {
    const event = {
      eventId: this.ids.uuid(), type, schemaVersion: 1, orgId: who.orgId, subjectRef: who.ref, occurredAt: isoOf(day), source, data,
    } as CareerEvent;
    const late = this.lateness.chance(this.lateShare);
    const arrival = Math.max(late ? day + this.lateness.int(30, 180) : day, this.arrivalOfTarget(event));
    this.pending.push({ arrival, seq: this.seq++, event });
    return event;
  }

  /** Rung refuses a retraction of an event it has not received, so a retraction never arrives before its target. */
  private arrivalOfTarget(event: CareerEvent): number {
    if (event.type !== 'EventRetracted') return -Infinity;
    return this.pending.find((p) => p.event.eventId === event.data.retractedEventId)?.arrival ?? -Infinity;
  }

  /** Every event that has arrived before `untilDay` and not been taken yet, in arrival order. */
  take(untilDay = Infinity): CareerEvent[] {
    const due: Pending[] = [];
    const kept: Pending[] = [];
    for (const p of this.pending) (p.arrival < untilDay ? due : kept).push(p);
    this.pending = kept;
    this.emitted += due.length;
    return due.sort((a, b) => a.arrival - b.arrival || a.seq - b.seq).map((p) => p.event);
  }

  get count(): number {
    return this.emitted;
  }
}
