import { randomUUID } from 'node:crypto';
import { Group, Member, joinFailure, type CommittedOffset, type JoinResult, type MemberInit, type SyncResult } from './group';
import { ErrorCode } from './protocol';

export interface GroupConfig {
  /** Kafka's group.initial.rebalance.delay.ms (Kafka defaults to 3000; this broker to 0). */
  initialRebalanceDelayMs: number;
  minSessionTimeoutMs: number;
  maxSessionTimeoutMs: number;
  sessionTimeoutCheckMs: number;
}

export interface JoinRequest extends MemberInit {
  groupId: string;
  protocolType: string;
}

export interface MemberRef {
  groupId: string;
  memberId: string;
  generationId: number;
}

const NO_ASSIGNMENT: Buffer = Buffer.alloc(0);

/** The group coordinator's state machine: Empty → PreparingRebalance → CompletingRebalance → Stable. */
export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private sweeper?: NodeJS.Timeout;

  constructor(private readonly config: GroupConfig) {
    this.startSweeper();
  }

  join(request: JoinRequest): Promise<JoinResult> {
    const invalid = this.validateJoin(request);
    if (invalid !== ErrorCode.NONE) {
      return Promise.resolve(joinFailure(invalid, request.memberId));
    }
    const group = this.groupFor(request.groupId);
    if (!group.acceptsProtocols(request.protocolType, request.protocols)) {
      return Promise.resolve(joinFailure(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, request.memberId));
    }
    const member = request.memberId === '' ? this.addMember(group, request) : group.members.get(request.memberId);
    if (!member) {
      return Promise.resolve(joinFailure(ErrorCode.UNKNOWN_MEMBER_ID, request.memberId));
    }
    member.init = { ...memberInit(request), memberId: member.id };
    return new Promise((resolve) => {
      member.joinWaiter?.(joinFailure(ErrorCode.REBALANCE_IN_PROGRESS, member.id));
      member.joinWaiter = resolve;
      member.lastSeen = Date.now();
      this.afterJoin(group);
    });
  }

  sync(ref: MemberRef, assignments: ReadonlyMap<string, Buffer>): Promise<SyncResult> {
    const located = this.locate(ref);
    if (typeof located === 'number') {
      return Promise.resolve({ errorCode: located, assignment: NO_ASSIGNMENT });
    }
    const { group, member } = located;
    member.lastSeen = Date.now();
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return Promise.resolve({ errorCode: ErrorCode.UNKNOWN_MEMBER_ID, assignment: NO_ASSIGNMENT });
      case 'PreparingRebalance':
        return Promise.resolve({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: NO_ASSIGNMENT });
      case 'Stable':
        return Promise.resolve({ errorCode: ErrorCode.NONE, assignment: member.assignment });
      case 'CompletingRebalance':
        return new Promise((resolve) => {
          member.syncWaiter = resolve;
          if (member.id === group.leaderId) {
            this.completeSync(group, assignments);
          }
        });
    }
  }

  heartbeat(ref: MemberRef): ErrorCode {
    const located = this.locate(ref);
    if (typeof located === 'number') {
      return located;
    }
    const { group, member } = located;
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'PreparingRebalance':
        member.lastSeen = Date.now();
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case 'CompletingRebalance':
      case 'Stable':
        member.lastSeen = Date.now();
        return ErrorCode.NONE;
    }
  }

  leave(groupId: string, memberId: string): ErrorCode {
    const group = this.groups.get(groupId);
    const member = group?.members.get(memberId);
    if (!group || !member) {
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    this.removeMember(group, member);
    return ErrorCode.NONE;
  }

  /** Group-level checks for OffsetCommit; a negative generation is a "simple" (unmanaged) commit. */
  authorizeCommit(ref: MemberRef): ErrorCode {
    if (!ref.groupId) {
      return ErrorCode.INVALID_GROUP_ID;
    }
    const group = this.groups.get(ref.groupId);
    if (!group) {
      return ref.generationId < 0 ? this.simpleCommitGroup(ref.groupId) : ErrorCode.ILLEGAL_GENERATION;
    }
    if (ref.generationId < 0 && group.state === 'Empty') {
      return ErrorCode.NONE;
    }
    const located = this.locate(ref);
    if (typeof located === 'number') {
      return located;
    }
    switch (group.state) {
      case 'Empty':
      case 'Dead':
        return ErrorCode.UNKNOWN_MEMBER_ID;
      case 'CompletingRebalance':
        return ErrorCode.REBALANCE_IN_PROGRESS;
      case 'PreparingRebalance':
      case 'Stable':
        located.member.lastSeen = Date.now();
        return ErrorCode.NONE;
    }
  }

  storeOffset(groupId: string, topic: string, partition: number, committed: CommittedOffset): void {
    const group = this.groupFor(groupId);
    const partitions = group.offsets.get(topic) ?? new Map<number, CommittedOffset>();
    partitions.set(partition, committed);
    group.offsets.set(topic, partitions);
  }

  committed(groupId: string, topic: string, partition: number): CommittedOffset | undefined {
    return this.groups.get(groupId)?.offsets.get(topic)?.get(partition);
  }

  /** Every committed partition of the group, by topic. */
  allCommitted(groupId: string): Array<{ topic: string; partitions: number[] }> {
    const offsets = this.groups.get(groupId)?.offsets ?? new Map<string, Map<number, CommittedOffset>>();
    return [...offsets.entries()].map(([topic, partitions]) => ({ topic, partitions: [...partitions.keys()] }));
  }

  describe(groupId: string): Group | undefined {
    return this.groups.get(groupId);
  }

  list(): Group[] {
    return [...this.groups.values()];
  }

  /** Removes an Empty group together with its committed offsets. */
  deleteGroup(groupId: string): ErrorCode {
    if (!groupId) {
      return ErrorCode.INVALID_GROUP_ID;
    }
    const group = this.groups.get(groupId);
    if (!group || group.state === 'Dead') {
      return ErrorCode.GROUP_ID_NOT_FOUND;
    }
    if (group.state !== 'Empty') {
      return ErrorCode.NON_EMPTY_GROUP;
    }
    this.groups.delete(groupId);
    return ErrorCode.NONE;
  }

  /** Kafka drops committed offsets of deleted topics. */
  forgetTopic(topic: string): void {
    for (const group of this.groups.values()) {
      group.offsets.delete(topic);
    }
  }

  /** The broker went down: nothing expires and no join phase ends until it is back; answers owed are lost. */
  wentDown(): void {
    clearInterval(this.sweeper);
    for (const group of this.groups.values()) {
      clearTimeout(group.joinTimer);
      group.members.forEach((member) => member.failPending(ErrorCode.COORDINATOR_NOT_AVAILABLE));
    }
  }

  /**
   * The broker is back. As Kafka reloads groups from __consumer_offsets, groups, generations, members and
   * offsets are kept and every session starts afresh; a group caught mid-rebalance starts its join phase again.
   */
  cameBack(): void {
    const now = Date.now();
    for (const group of this.groups.values()) {
      group.members.forEach((member) => (member.lastSeen = now));
      if (group.state === 'PreparingRebalance' || group.state === 'CompletingRebalance') this.prepareRebalance(group, false);
    }
    this.startSweeper();
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const group of this.groups.values()) {
      clearTimeout(group.joinTimer);
      group.state = 'Dead';
      for (const member of group.members.values()) {
        member.failPending(ErrorCode.COORDINATOR_NOT_AVAILABLE);
      }
    }
  }

  private startSweeper(): void {
    this.sweeper = setInterval(() => this.expireSessions(), this.config.sessionTimeoutCheckMs);
    this.sweeper.unref();
  }

  private validateJoin(request: JoinRequest): ErrorCode {
    if (!request.groupId) {
      return ErrorCode.INVALID_GROUP_ID;
    }
    const { minSessionTimeoutMs, maxSessionTimeoutMs } = this.config;
    if (request.sessionTimeoutMs < minSessionTimeoutMs || request.sessionTimeoutMs > maxSessionTimeoutMs) {
      return ErrorCode.INVALID_SESSION_TIMEOUT;
    }
    return ErrorCode.NONE;
  }

  private groupFor(groupId: string): Group {
    const existing = this.groups.get(groupId);
    if (existing) {
      return existing;
    }
    const group = new Group(groupId);
    this.groups.set(groupId, group);
    return group;
  }

  private simpleCommitGroup(groupId: string): ErrorCode {
    this.groupFor(groupId);
    return ErrorCode.NONE;
  }

  private addMember(group: Group, request: JoinRequest): Member {
    const member = new Member({ ...memberInit(request), memberId: `${request.clientId}-${randomUUID()}` });
    if (group.members.size === 0) {
      group.protocolType = request.protocolType;
    }
    group.members.set(member.id, member);
    return member;
  }

  private locate(ref: MemberRef): { group: Group; member: Member } | ErrorCode {
    const group = this.groups.get(ref.groupId);
    const member = group?.members.get(ref.memberId);
    if (!group || !member) {
      return ErrorCode.UNKNOWN_MEMBER_ID;
    }
    return ref.generationId === group.generationId ? { group, member } : ErrorCode.ILLEGAL_GENERATION;
  }

  private afterJoin(group: Group): void {
    switch (group.state) {
      case 'Empty':
        this.prepareRebalance(group, true);
        break;
      case 'Stable':
      case 'CompletingRebalance':
        this.prepareRebalance(group, false);
        break;
      case 'PreparingRebalance':
        this.maybeCompleteJoin(group);
        break;
      case 'Dead':
        break;
    }
  }

  private prepareRebalance(group: Group, initial: boolean): void {
    for (const member of group.members.values()) {
      member.syncWaiter?.({ errorCode: ErrorCode.REBALANCE_IN_PROGRESS, assignment: NO_ASSIGNMENT });
      member.syncWaiter = undefined;
    }
    group.state = 'PreparingRebalance';
    const rebalanceTimeoutMs = group.maxRebalanceTimeoutMs();
    group.initialDelayActive = initial && this.config.initialRebalanceDelayMs > 0;
    const delay = group.initialDelayActive
      ? Math.min(this.config.initialRebalanceDelayMs, rebalanceTimeoutMs)
      : rebalanceTimeoutMs;
    clearTimeout(group.joinTimer);
    group.joinTimer = setTimeout(() => this.completeJoin(group), delay);
    group.joinTimer.unref();
    this.maybeCompleteJoin(group);
  }

  private maybeCompleteJoin(group: Group): void {
    if (group.state === 'PreparingRebalance' && !group.initialDelayActive && group.allJoined()) {
      this.completeJoin(group);
    }
  }

  /** Members that did not rejoin in time are dropped; everyone else gets the new generation. */
  private completeJoin(group: Group): void {
    clearTimeout(group.joinTimer);
    group.joinTimer = undefined;
    group.initialDelayActive = false;
    for (const member of [...group.members.values()]) {
      if (!member.joinWaiter) {
        group.members.delete(member.id);
      }
    }
    group.generationId += 1;
    if (group.members.size === 0) {
      group.state = 'Empty';
      group.protocolName = '';
      group.leaderId = '';
      return;
    }
    group.protocolName = group.selectProtocol();
    if (!group.members.has(group.leaderId)) {
      group.leaderId = group.members.keys().next().value ?? '';
    }
    group.state = 'CompletingRebalance';
    this.sendJoinResults(group);
  }

  private sendJoinResults(group: Group): void {
    const members = [...group.members.values()];
    const metadata = members.map((m) => ({ memberId: m.id, metadata: m.metadataFor(group.protocolName) }));
    for (const member of members) {
      const respond = member.joinWaiter;
      member.joinWaiter = undefined;
      member.assignment = NO_ASSIGNMENT;
      member.lastSeen = Date.now();
      respond?.({
        errorCode: ErrorCode.NONE,
        generationId: group.generationId,
        protocolName: group.protocolName,
        leaderId: group.leaderId,
        memberId: member.id,
        members: member.id === group.leaderId ? metadata : [],
      });
    }
  }

  private completeSync(group: Group, assignments: ReadonlyMap<string, Buffer>): void {
    group.state = 'Stable';
    for (const member of group.members.values()) {
      member.assignment = assignments.get(member.id) ?? NO_ASSIGNMENT;
      const respond = member.syncWaiter;
      member.syncWaiter = undefined;
      respond?.({ errorCode: ErrorCode.NONE, assignment: member.assignment });
    }
  }

  private removeMember(group: Group, member: Member): void {
    member.failPending(ErrorCode.UNKNOWN_MEMBER_ID);
    group.members.delete(member.id);
    switch (group.state) {
      case 'Stable':
      case 'CompletingRebalance':
        this.prepareRebalance(group, false);
        break;
      case 'PreparingRebalance':
        this.maybeCompleteJoin(group);
        break;
      case 'Empty':
      case 'Dead':
        break;
    }
  }

  private expireSessions(): void {
    const now = Date.now();
    for (const group of this.groups.values()) {
      for (const member of [...group.members.values()]) {
        if (member.isExpired(now)) {
          this.removeMember(group, member);
        }
      }
    }
  }
}

function memberInit({ memberId, clientId, clientHost, sessionTimeoutMs, rebalanceTimeoutMs, protocols }: JoinRequest): MemberInit {
  return { memberId, clientId, clientHost, sessionTimeoutMs, rebalanceTimeoutMs, protocols };
}
