import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { ORG_ID } from '@rung/contracts';
import { DomainError } from '@rung/domain';
import { SealedEventStore, SUBJECT_KEY_STORE, type SubjectKeyStore, type Tombstone } from '@rung/event-store';
import { CLOCK, JsonLogger, PSEUDONYMISER, type Clock, type Pseudonymiser } from '@rung/platform';
import { READ_MODEL_VERSIONS, type ReadModelVersions } from '../read-model-versions/read-model-versions.port';
import { SUBJECT_TIMELINE_STORE, type SubjectTimelineStore } from '../subject-timeline/subject-timeline.store';
import { erasureView, type ErasureView } from './erasure-view';
import { SubjectsErased } from './subjects-erased.event';

/**
 * Erasure by crypto-shredding (§8), in steps that can each be repeated: (1) a tombstone is recorded,
 * after which the subject's events are refused; (2) their data key is destroyed, after which their
 * stored events are unreadable; (3) their timeline is dropped and every view told to forget them
 * (in this process on the bus, in others through their organisation's read-model version);
 * (4) the tombstone is marked finished. A start finishes every erasure that a crash interrupted.
 */
@Injectable()
export class Erasures implements OnApplicationBootstrap {
  private running: Promise<void> = Promise.resolve();
  private resuming: Promise<void> = Promise.resolve();

  constructor(
    @Inject(SUBJECT_KEY_STORE) private readonly keys: SubjectKeyStore,
    @Inject(SUBJECT_TIMELINE_STORE) private readonly timelines: SubjectTimelineStore,
    @Inject(READ_MODEL_VERSIONS) private readonly versions: ReadModelVersions,
    private readonly events: SealedEventStore,
    @Inject(PSEUDONYMISER) private readonly pseudonymiser: Pseudonymiser,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly bus: EventBus,
    private readonly logger: JsonLogger,
  ) {}

  /** Not awaited: a start must not wait for a long erasure; `settled()` does. */
  onApplicationBootstrap(): void {
    this.resuming = this.resume();
  }

  /** Records the erasure of one subject and finishes it in the background; asking again gives the same erasure. */
  async request(body: unknown): Promise<ErasureView> {
    const { orgId, subjectRef } = requestOf(body);
    const streamId = this.pseudonymiser.subjectId(orgId, subjectRef);
    return (await this.requestStreams([{ streamId, orgId }]))[0];
  }

  /** Records erasures of several subjects at once (retention), finishing them in the background. */
  async requestStreams(subjects: ReadonlyArray<{ streamId: string; orgId: string }>): Promise<ErasureView[]> {
    const requestedAt = this.clock().toISOString();
    await this.keys.recordTombstones(subjects.map((s) => ({ ...s, erasureId: randomUUID(), requestedAt, finishedAt: null })));
    const ids = new Set(subjects.map((s) => s.streamId));
    const recorded = (await this.keys.tombstones()).filter((t) => ids.has(t.streamId));
    this.schedule(recorded.filter((t) => !t.finishedAt));
    return recorded.map(erasureView);
  }

  async status(id: string): Promise<ErasureView> {
    const found = (await this.keys.tombstones()).find((t) => t.erasureId === id);
    if (!found) throw new DomainError('not-found', 'There is no erasure with this id.');
    return erasureView(found);
  }

  /** Resolves once every erasure requested so far, and every one found unfinished at start, has finished. */
  async settled(): Promise<void> {
    await this.resuming;
    await this.running;
  }

  private async resume(): Promise<void> {
    const unfinished = (await this.keys.tombstones()).filter((t) => !t.finishedAt);
    if (unfinished.length) this.logger.event('info', 'finishing interrupted erasures', { erasures: unfinished.length });
    this.schedule(unfinished);
  }

  private schedule(tombstones: readonly Tombstone[]): void {
    if (!tombstones.length) return;
    this.running = this.running.then(() => this.finish(tombstones)).catch((error: unknown) => {
      this.logger.event('error', 'erasure failed; it is finished at the next start', { error: (error as Error).message });
    });
  }

  private async finish(tombstones: readonly Tombstone[]): Promise<void> {
    const streamIds = tombstones.map((t) => t.streamId);
    await this.keys.destroyKeys(streamIds);
    this.events.forget(streamIds);
    await this.timelines.delete(streamIds);
    await this.versions.bump(tombstones.map((t) => t.orgId));
    this.bus.publish(new SubjectsErased(tombstones.map((t) => ({ streamId: t.streamId, orgId: t.orgId }))));
    await this.keys.finishTombstones(streamIds, this.clock().toISOString());
  }
}

function requestOf(body: unknown): { orgId: string; subjectRef: string } {
  const b = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const errors = [];
  const unknown = Object.keys(b).filter((k) => k !== 'orgId' && k !== 'subjectRef');
  for (const k of unknown) errors.push({ path: k, message: 'is not a field of an erasure request' });
  if (typeof b.orgId !== 'string' || !ORG_ID.test(b.orgId)) errors.push({ path: 'orgId', message: 'must be an organisation id' });
  if (typeof b.subjectRef !== 'string' || b.subjectRef.length < 1 || b.subjectRef.length > 200) errors.push({ path: 'subjectRef', message: 'must be the subject reference the events were sent with' });
  if (errors.length) throw new DomainError('validation-failed', 'The erasure request is not valid.', errors);
  return { orgId: b.orgId as string, subjectRef: b.subjectRef as string };
}
