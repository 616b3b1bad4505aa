import { setTimeout as sleep } from 'node:timers/promises';
import type { RecordedEvent } from '@rung/contracts';
import { DomainError } from '@rung/domain';
import { mongo } from 'mongoose';
import { planAppend } from '../embedded/append-plan';
import type { AppendRequest, EventAppendResult, StreamAppendResult } from '../event-store.port';
import type { EventDocument, EventModel } from './event-documents';
import { asStoreError, duplicateKeyWriteErrors } from './mongo-errors';
import { loadRoundState, type RoundState } from './round-state';

/** Rounds an append may take when other writers keep taking the slots it planned; they back off at random in between. */
const MAX_ROUNDS = 16;

interface Pending {
  request: AppendRequest;
  /** Final outcomes by event index; undefined until decided. */
  results: Array<EventAppendResult | undefined>;
  stored: RecordedEvent[];
  expectedVersion?: number;
  version: number;
  /** Documents sent in an insert that did not report success, by event index: they may be stored. */
  sent: Map<number, StagedDocument>;
}

/** The `_id` is ours, not the driver's, so a later round can tell our own stored document from another writer's. */
type StagedDocument = EventDocument & { _id: InstanceType<typeof mongo.ObjectId> };

interface Staged {
  owner: Pending;
  index: number;
  doc: StagedDocument;
}

interface RoundPlan {
  owner: Pending;
  indices: number[];
  results: EventAppendResult[];
  staged: Staged[];
  version: number;
}

/**
 * Appends with the embedded store's semantics over MongoDB, where the unique indexes on eventId and
 * (streamId, version) arbitrate between writers. Each round reads the heads and digests it needs,
 * plans with planAppend, and inserts every new event in one ordered insert, so a stream's events
 * land in version order and an insert stops at the first slot or id another writer took. What was
 * inserted before that point is kept; everything else is planned again from fresh state.
 */
export class MongoAppender {
  /** Rounds that lost a slot or an id to another writer; a measure of contention. */
  contentionRetries = 0;

  constructor(
    private readonly model: EventModel,
    private readonly now: () => Date,
  ) {}

  async append(requests: readonly AppendRequest[]): Promise<StreamAppendResult[]> {
    const pending: Pending[] = requests.map((request) => ({
      request, results: new Array(request.events.length), stored: [], expectedVersion: request.expectedVersion, version: 0, sent: new Map(),
    }));
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      if (await this.round(pending)) return pending.map(resultOf);
      this.contentionRetries += 1;
      await sleep(Math.random() * 2 ** Math.min(round, 6));
    }
    throw new DomainError('store-unavailable', `the append lost to other writers ${MAX_ROUNDS} times; retry it`);
  }

  /** One round over every request; true when every event is decided. */
  private async round(pending: Pending[]): Promise<boolean> {
    const state = await this.loadState(pending);
    pending.forEach((owner) => confirmOwnWrites(owner, state));
    const plans = pending.map((owner) => planRound(owner, state));
    const staged = plans.flatMap((p) => p.staged);
    staged.forEach(({ owner, index, doc }) => owner.sent.set(index, doc));
    const inserted = await insertOrdered(this.model, staged.map((s) => s.doc));
    staged.slice(0, inserted).forEach(confirm);
    if (inserted < staged.length) {
      pending.forEach(continueAfterPrefix);
      return false;
    }
    plans.forEach(decide);
    return true;
  }

  private async loadState(pending: Pending[]): Promise<RoundState> {
    const streamIds = [...new Set(pending.map((p) => p.request.streamId))];
    const eventIds = [...new Set(pending.flatMap((p) => undecided(p).map((i) => p.request.events[i].eventId)))];
    try {
      return await loadRoundState(this.model, streamIds, eventIds, this.now());
    } catch (error) {
      throw asStoreError(error);
    }
  }
}

function undecided(p: Pending): number[] {
  return p.request.events.flatMap((_, i) => (p.results[i] === undefined ? [i] : []));
}

function planRound(owner: Pending, state: RoundState): RoundPlan {
  const indices = undecided(owner);
  const { streamId } = owner.request;
  const { events, bodyHashes } = owner.request;
  const plan = planAppend({ streamId, events: indices.map((i) => events[i]), bodyHashes: bodyHashes && indices.map((i) => bodyHashes[i]), expectedVersion: owner.expectedVersion }, state);
  let next = 0;
  const staged = plan.results.flatMap((r, k) => (r.status === 'stored' ? [{ owner, index: indices[k], doc: { _id: new mongo.ObjectId(), ...state.stage(plan.toStore[next++]) } }] : []));
  return { owner, indices, results: plan.results, staged, version: plan.version };
}

/**
 * An insert whose answer was lost (the connection dropped, and the driver's retry then hit our own
 * documents as duplicate keys) may have stored some of what it sent. Those documents carry the `_id`
 * we gave them, so they are ours: stored by this append, not duplicates of another writer's.
 */
function confirmOwnWrites(owner: Pending, state: RoundState): void {
  for (const [index, doc] of [...owner.sent].sort(([a], [b]) => a - b)) {
    if (owner.results[index] === undefined && state.storedIdOf(doc.eventId)?.equals(doc._id)) confirm({ owner, index, doc });
  }
  continueAfterPrefix(owner);
}

function confirm({ owner, index, doc }: Staged): void {
  const { hash: _hash, _id: _mongoId, ...event } = doc;
  owner.sent.delete(index);
  owner.results[index] = { eventId: doc.eventId, status: 'stored' };
  owner.stored.push(event as RecordedEvent);
  owner.version = doc.version;
}

/**
 * After a partial insert only the inserted events are decided. A request that stored some of its
 * events under an expected version carries on from the version those events reached.
 */
function continueAfterPrefix(owner: Pending): void {
  if (owner.expectedVersion !== undefined && owner.stored.length) owner.expectedVersion = owner.version;
}

function decide({ owner, indices, results, version }: RoundPlan): void {
  results.forEach((r, k) => {
    owner.results[indices[k]] ??= r;
  });
  owner.version = version;
}

function resultOf(p: Pending): StreamAppendResult {
  return { streamId: p.request.streamId, results: p.results as EventAppendResult[], stored: p.stored, version: p.version };
}

/** Inserts in order and returns how many went in before a duplicate key stopped the insert. */
async function insertOrdered(model: EventModel, docs: StagedDocument[]): Promise<number> {
  if (!docs.length) return 0;
  try {
    await model.insertMany(docs, { ordered: true, lean: true });
    return docs.length;
  } catch (error) {
    const duplicates = duplicateKeyWriteErrors(error);
    if (!duplicates) throw asStoreError(error);
    return Math.min(...duplicates.map((e) => e.index));
  }
}
