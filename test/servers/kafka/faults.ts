/** What an OffsetCommit request asks for, as the broker decoded it (before any check or write). */
export interface OffsetCommitRequest {
  groupId: string;
  memberId: string;
  generationId: number;
  /** 1 for the group's first OffsetCommit request since the broker started, 2 for the next, ... */
  sequence: number;
  topics: Array<{ topic: string; partitions: Array<{ partition: number; offset: number }> }>;
}

/**
 * `apply`: checked, written and answered as usual. `drop`: neither written nor answered, and the
 * connection is closed, as if the request had been lost on the way to the broker.
 */
export type OffsetCommitVerdict = 'apply' | 'drop';

/**
 * Called for each OffsetCommit request before it is handled. Returning a promise holds the request
 * (and, as Kafka mutes a connection until it answers, every later request on that connection) until it settles.
 */
export type OffsetCommitHook = (request: OffsetCommitRequest) => OffsetCommitVerdict | void | Promise<OffsetCommitVerdict | void>;

/** One held OffsetCommit: `release` lets it go on, applied or dropped. */
export interface HeldOffsetCommit {
  request: OffsetCommitRequest;
  release(verdict: OffsetCommitVerdict): void;
}

/** Thrown by a handler to close its connection without answering and without reporting an error. */
export class DroppedRequest extends Error {}

/** The fault hooks a test installs on a running broker. */
export class BrokerFaults {
  private readonly commitHooks = new Set<OffsetCommitHook>();
  private readonly commitCounts = new Map<string, number>();

  onOffsetCommit(hook: OffsetCommitHook): () => void {
    this.commitHooks.add(hook);
    return () => this.commitHooks.delete(hook);
  }

  /** Holds the group's `nth` OffsetCommit request (counted from broker start) and resolves with it. */
  holdOffsetCommit(groupId: string, nth: number): Promise<HeldOffsetCommit> {
    return new Promise((resolve) => {
      const remove = this.onOffsetCommit((request) => {
        if (request.groupId !== groupId || request.sequence !== nth) return 'apply';
        remove();
        return new Promise<OffsetCommitVerdict>((release) => resolve({ request, release }));
      });
    });
  }

  /** Counts the request, runs every hook in turn, and returns the verdict (`drop` if any hook drops it). */
  async offsetCommit(request: Omit<OffsetCommitRequest, 'sequence'>): Promise<OffsetCommitVerdict> {
    const sequence = (this.commitCounts.get(request.groupId) ?? 0) + 1;
    this.commitCounts.set(request.groupId, sequence);
    let verdict: OffsetCommitVerdict = 'apply';
    for (const hook of [...this.commitHooks]) {
      if ((await hook({ ...request, sequence })) === 'drop') verdict = 'drop';
    }
    return verdict;
  }
}
