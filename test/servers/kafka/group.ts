import type { ErrorCode } from './protocol';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable' | 'Dead';

export interface GroupProtocol {
  name: string;
  metadata: Buffer;
}

export interface JoinResult {
  errorCode: ErrorCode;
  generationId: number;
  protocolName: string;
  leaderId: string;
  memberId: string;
  members: Array<{ memberId: string; metadata: Buffer }>;
}

export interface SyncResult {
  errorCode: ErrorCode;
  assignment: Buffer;
}

export interface CommittedOffset {
  offset: number;
  metadata: string;
}

export interface MemberInit {
  memberId: string;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: GroupProtocol[];
}

export class Member {
  assignment: Buffer = Buffer.alloc(0);
  lastSeen = Date.now();
  joinWaiter?: (result: JoinResult) => void;
  syncWaiter?: (result: SyncResult) => void;

  constructor(public init: MemberInit) {}

  get id(): string {
    return this.init.memberId;
  }

  /** Kafka never expires a member while the coordinator owes it a Join or Sync response. */
  isExpired(now: number): boolean {
    return !this.joinWaiter && !this.syncWaiter && now - this.lastSeen > this.init.sessionTimeoutMs;
  }

  metadataFor(protocolName: string): Buffer {
    return this.init.protocols.find((p) => p.name === protocolName)?.metadata ?? Buffer.alloc(0);
  }

  failPending(errorCode: ErrorCode): void {
    this.joinWaiter?.(joinFailure(errorCode, this.id));
    this.syncWaiter?.({ errorCode, assignment: Buffer.alloc(0) });
    this.joinWaiter = undefined;
    this.syncWaiter = undefined;
  }
}

export class Group {
  state: GroupState = 'Empty';
  generationId = 0;
  protocolType = '';
  protocolName = '';
  leaderId = '';
  readonly members = new Map<string, Member>();
  /** topic → partition → committed offset */
  readonly offsets = new Map<string, Map<number, CommittedOffset>>();
  joinTimer?: NodeJS.Timeout;
  /** While set, the join phase waits out group.initial.rebalance.delay.ms even if everyone has joined. */
  initialDelayActive = false;

  constructor(readonly groupId: string) {}

  acceptsProtocols(protocolType: string, protocols: readonly GroupProtocol[]): boolean {
    if (!protocolType || protocols.length === 0) {
      return false;
    }
    if (this.members.size === 0) {
      return true;
    }
    return protocolType === this.protocolType && protocols.some((p) => this.supportedByAll(p.name));
  }

  allJoined(): boolean {
    return [...this.members.values()].every((member) => member.joinWaiter);
  }

  maxRebalanceTimeoutMs(): number {
    return Math.max(0, ...[...this.members.values()].map((m) => m.init.rebalanceTimeoutMs));
  }

  /** Kafka's vote: each member picks its most preferred protocol that every member supports. */
  selectProtocol(): string {
    const votes = new Map<string, number>();
    for (const member of this.members.values()) {
      const choice = member.init.protocols.find((p) => this.supportedByAll(p.name));
      if (choice) {
        votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
      }
    }
    return [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  }

  private supportedByAll(name: string): boolean {
    return [...this.members.values()].every((m) => m.init.protocols.some((p) => p.name === name));
  }
}

export function joinFailure(errorCode: ErrorCode, memberId: string): JoinResult {
  return { errorCode, generationId: -1, protocolName: '', leaderId: '', memberId, members: [] };
}
