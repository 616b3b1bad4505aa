import type { RecordedEvent } from '@rung/contracts';
import { DomainError } from '@rung/domain';
import type { AppendRequest, EventLocation, EventStore, StreamAppendResult, StreamHead } from '@rung/event-store';

/** Wraps the real store to make appends fail or slow down on demand, and to watch the order of shutdown. */
export class FaultInjectingStore implements EventStore {
  /** Every append fails with store-unavailable while this is true. */
  failing = false;
  delayMs = 0;
  attempts = 0;
  failures = 0;
  inFlight = 0;
  /** Appends that reached the real store after close() began: there must be none. */
  appendsAfterClose = 0;
  /** Appends that are waiting at the gate (see hold()). */
  held = 0;
  private closing = false;
  private gate: Promise<void> | null = null;
  private openGate: () => void = () => undefined;

  constructor(private readonly inner: EventStore) {}

  /** From now on appends wait, in flight, until release(): a chunk stays in flight as long as a test needs. */
  hold(): void {
    if (!this.gate) this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.gate = null;
    this.openGate();
  }

  async append(requests: readonly AppendRequest[]): Promise<StreamAppendResult[]> {
    this.attempts += 1;
    if (this.failing) {
      this.failures += 1;
      throw new DomainError('store-unavailable', 'injected outage');
    }
    this.inFlight += 1;
    try {
      await this.waitAtGate();
      if (this.delayMs) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
      if (this.closing) this.appendsAfterClose += 1;
      return await this.inner.append(requests);
    } finally {
      this.inFlight -= 1;
    }
  }

  private async waitAtGate(): Promise<void> {
    while (this.gate) {
      this.held += 1;
      try {
        await this.gate;
      } finally {
        this.held -= 1;
      }
    }
  }

  readStream(streamId: string): Promise<RecordedEvent[]> {
    return this.inner.readStream(streamId);
  }

  streamVersion(streamId: string): Promise<number> {
    return this.inner.streamVersion(streamId);
  }

  locateEvent(eventId: string, streamId: string): Promise<EventLocation> {
    return this.inner.locateEvent(eventId, streamId);
  }

  readAll(batchSize?: number): AsyncIterable<RecordedEvent[]> {
    return this.inner.readAll(batchSize);
  }

  streamHeads(batchSize?: number): AsyncIterable<StreamHead[]> {
    return this.inner.streamHeads(batchSize);
  }

  isReady(): boolean {
    return this.inner.isReady();
  }

  close(): Promise<void> {
    this.closing = true;
    return this.inner.close();
  }
}
