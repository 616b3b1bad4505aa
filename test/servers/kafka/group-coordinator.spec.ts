import { GroupCoordinator, type JoinRequest } from './group-coordinator';
import { ErrorCode } from './protocol';

const SESSION_MS = 200;

function joinRequest(memberId = '', overrides: Partial<JoinRequest> = {}): JoinRequest {
  return {
    groupId: 'g',
    memberId,
    clientId: 'client',
    clientHost: '/127.0.0.1',
    sessionTimeoutMs: SESSION_MS,
    rebalanceTimeoutMs: 300,
    protocolType: 'consumer',
    protocols: [{ name: 'RoundRobinAssigner', metadata: Buffer.from('m') }],
    ...overrides,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GroupCoordinator', () => {
  let groups: GroupCoordinator;

  beforeEach(() => {
    groups = new GroupCoordinator({
      initialRebalanceDelayMs: 0,
      minSessionTimeoutMs: 100,
      maxSessionTimeoutMs: 10_000,
      sessionTimeoutCheckMs: 10,
    });
  });

  afterEach(() => groups.close());

  async function stableSingleMember(overrides: Partial<JoinRequest> = {}): Promise<{ groupId: string; memberId: string; generationId: number }> {
    const joined = await groups.join(joinRequest('', overrides));
    const ref = { groupId: 'g', memberId: joined.memberId, generationId: joined.generationId };
    await groups.sync(ref, new Map([[joined.memberId, Buffer.from('all')]]));
    return ref;
  }

  it('makes the first member leader of generation 1 and hands it every member metadata', async () => {
    const joined = await groups.join(joinRequest());
    expect(joined).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 1, protocolName: 'RoundRobinAssigner' });
    expect(joined.leaderId).toBe(joined.memberId);
    expect(joined.members).toEqual([{ memberId: joined.memberId, metadata: Buffer.from('m') }]);
    expect(groups.describe('g')?.state).toBe('CompletingRebalance');
  });

  it('rejects bad joins with Kafka error codes', async () => {
    expect((await groups.join(joinRequest('', { groupId: '' }))).errorCode).toBe(ErrorCode.INVALID_GROUP_ID);
    expect((await groups.join(joinRequest('', { sessionTimeoutMs: 10 }))).errorCode).toBe(ErrorCode.INVALID_SESSION_TIMEOUT);
    expect((await groups.join(joinRequest('nobody'))).errorCode).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    await groups.join(joinRequest());
    const otherProtocol = joinRequest('', { protocols: [{ name: 'Other', metadata: Buffer.alloc(0) }] });
    expect((await groups.join(otherProtocol)).errorCode).toBe(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
  });

  it('makes followers wait for the leader sync and gives each member its own assignment', async () => {
    const first = await stableSingleMember();
    const secondJoin = groups.join(joinRequest());
    expect(groups.heartbeat(first)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    const [leader, follower] = await Promise.all([groups.join(joinRequest(first.memberId)), secondJoin]);
    expect(leader.generationId).toBe(2);
    expect(leader.members).toHaveLength(2);
    expect(follower.members).toEqual([]);

    const followerRef = { groupId: 'g', memberId: follower.memberId, generationId: 2 };
    const followerSync = groups.sync(followerRef, new Map());
    const assignments = new Map([
      [leader.memberId, Buffer.from('a')],
      [follower.memberId, Buffer.from('b')],
    ]);
    const leaderSync = await groups.sync({ groupId: 'g', memberId: leader.memberId, generationId: 2 }, assignments);
    expect(leaderSync.assignment.toString()).toBe('a');
    expect((await followerSync).assignment.toString()).toBe('b');
    expect(groups.describe('g')?.state).toBe('Stable');
    expect(groups.heartbeat(followerRef)).toBe(ErrorCode.NONE);
    expect(groups.heartbeat({ ...followerRef, generationId: 1 })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(groups.heartbeat({ ...followerRef, memberId: 'nobody' })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('removes members that do not rejoin within the rebalance timeout', async () => {
    const patient = { sessionTimeoutMs: 5000, rebalanceTimeoutMs: 150 };
    const first = await stableSingleMember(patient);
    const startedAt = Date.now();
    const second = await groups.join(joinRequest('', patient));
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(100);
    expect(second).toMatchObject({ errorCode: ErrorCode.NONE, generationId: 2, leaderId: second.memberId });
    expect(groups.heartbeat(first)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('evicts a member whose session expires and rebalances the rest', async () => {
    const first = await stableSingleMember();
    const secondJoin = groups.join(joinRequest('', { rebalanceTimeoutMs: 5000 }));
    await groups.join(joinRequest(first.memberId));
    const second = await secondJoin;
    const ref = { groupId: 'g', memberId: second.memberId, generationId: 2 };
    await Promise.all([groups.sync(ref, new Map()), groups.sync({ ...first, generationId: 2 }, new Map())]);

    for (let elapsed = 0; elapsed < SESSION_MS * 2; elapsed += 50) {
      expect(groups.heartbeat(ref)).not.toBe(ErrorCode.UNKNOWN_MEMBER_ID);
      await sleep(50);
    }
    expect(groups.describe('g')?.members.has(first.memberId)).toBe(false);
    expect(groups.heartbeat(ref)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    expect((await groups.join(joinRequest(ref.memberId))).generationId).toBe(3);
  });

  it('returns to Empty when the last member leaves, keeping committed offsets', async () => {
    const ref = await stableSingleMember();
    expect(groups.authorizeCommit(ref)).toBe(ErrorCode.NONE);
    groups.storeOffset('g', 't', 0, { offset: 5, metadata: '' });
    expect(groups.leave('g', ref.memberId)).toBe(ErrorCode.NONE);
    expect(groups.leave('g', ref.memberId)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(groups.describe('g')?.state).toBe('Empty');
    expect(groups.committed('g', 't', 0)?.offset).toBe(5);
    expect(groups.authorizeCommit(ref)).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
  });

  it('applies Kafka commit rules for simple, stale and rebalancing commits', async () => {
    expect(groups.authorizeCommit({ groupId: 'simple', memberId: '', generationId: -1 })).toBe(ErrorCode.NONE);
    expect(groups.authorizeCommit({ groupId: 'unknown', memberId: 'm', generationId: 3 })).toBe(ErrorCode.ILLEGAL_GENERATION);
    const joined = await groups.join(joinRequest());
    const ref = { groupId: 'g', memberId: joined.memberId, generationId: joined.generationId };
    expect(groups.authorizeCommit(ref)).toBe(ErrorCode.REBALANCE_IN_PROGRESS);
    await groups.sync(ref, new Map());
    expect(groups.authorizeCommit({ ...ref, generationId: 0 })).toBe(ErrorCode.ILLEGAL_GENERATION);
    expect(groups.authorizeCommit({ groupId: 'g', memberId: '', generationId: -1 })).toBe(ErrorCode.UNKNOWN_MEMBER_ID);
    expect(groups.deleteGroup('g')).toBe(ErrorCode.NON_EMPTY_GROUP);
    expect(groups.deleteGroup('simple')).toBe(ErrorCode.NONE);
    expect(groups.deleteGroup('simple')).toBe(ErrorCode.GROUP_ID_NOT_FOUND);
  });
});
