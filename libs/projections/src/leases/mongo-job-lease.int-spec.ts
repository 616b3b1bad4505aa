import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { InProcessJobLease } from './job-lease.port';
import { MongoJobLease } from './mongo-job-lease';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describeOnMongo('MongoJobLease', (endpoint) => {
  let connections: Connection[];
  let leases: MongoJobLease[];

  beforeEach(async () => {
    const uri = endpoint().uriFor(uniqueDbName('leases'));
    connections = [await openMongoConnection(uri), await openMongoConnection(uri)];
    leases = await Promise.all(connections.map((c) => MongoJobLease.open(c)));
  });
  afterEach(async () => {
    await connections[0].dropDatabase();
    await Promise.all(connections.map((c) => c.close()));
  });

  it('given two instances asking at the same moment, then exactly one holds the lease', async () => {
    const now = at('2024-06-30T03:00:00Z');
    const won = await Promise.all([leases[0].tryAcquire('retention', 'a', HOUR, now), leases[1].tryAcquire('retention', 'b', HOUR, now)]);
    expect(won.filter(Boolean)).toHaveLength(1);
    expect(await leases[0].log('retention')).toEqual([expect.objectContaining({ job: 'retention', fence: 1 })]);
  });

  it('given a holder, then it keeps the lease on renewal and another instance gets it only once it has expired', async () => {
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, at('2024-06-30T03:00:00Z'))).toBeTruthy();
    expect(await leases[1].tryAcquire('retention', 'b', HOUR, at('2024-06-30T03:30:00Z'))).toBeNull();
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, at('2024-06-30T03:30:00Z'))).toBeTruthy();
    expect(await leases[1].tryAcquire('retention', 'b', HOUR, at('2024-06-30T04:29:00Z'))).toBeNull();
    expect(await leases[1].tryAcquire('retention', 'b', HOUR, at('2024-06-30T04:31:00Z'))).toBeTruthy();
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, at('2024-06-30T04:32:00Z'))).toBeNull();
  });

  it('given a holder that releases its lease, then another instance gets it at once; a release by another is ignored', async () => {
    const now = at('2024-06-30T03:00:00Z');
    expect(await leases[0].tryAcquire('rebuild', 'a', HOUR, now)).toBeTruthy();
    await leases[1].release('rebuild', 'b');
    expect(await leases[1].tryAcquire('rebuild', 'b', HOUR, now)).toBeNull();
    await leases[0].release('rebuild', 'a');
    expect(await leases[1].tryAcquire('rebuild', 'b', HOUR, now)).toBeTruthy();
  });

  it('keeps one lease per job name', async () => {
    const now = at('2024-06-30T03:00:00Z');
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, now)).toBeTruthy();
    expect(await leases[1].tryAcquire('another-job', 'b', HOUR, now)).toBeTruthy();
  });

  it('given grants to two holders in turn, then each grant carries a larger fencing token and the log lists them in order', async () => {
    expect(await leases[0].tryAcquire('rebuild', 'a', HOUR, at('2024-06-30T03:00:00Z'))).toEqual({ fence: 1 });
    expect(await leases[0].tryAcquire('rebuild', 'a', HOUR, at('2024-06-30T03:10:00Z'))).toEqual({ fence: 2 });
    await leases[0].release('rebuild', 'a');
    expect(await leases[1].tryAcquire('rebuild', 'b', HOUR, at('2024-06-30T03:20:00Z'))).toEqual({ fence: 3 });
    expect(await leases[1].log('rebuild')).toEqual([
      { job: 'rebuild', holder: 'a', fence: 1, at: '2024-06-30T03:00:00.000Z' },
      { job: 'rebuild', holder: 'a', fence: 2, at: '2024-06-30T03:10:00.000Z' },
      { job: 'rebuild', holder: 'b', fence: 3, at: '2024-06-30T03:20:00.000Z' },
    ]);
    expect(await leases[1].log('retention')).toEqual([]);
  });
});

describe('InProcessJobLease', () => {
  it('given one process, then every ask is granted with a growing token and logged', async () => {
    const lease = new InProcessJobLease();
    expect(await lease.tryAcquire('retention', 'a', HOUR, at('2024-06-30T03:00:00Z'))).toEqual({ fence: 1 });
    expect(await lease.tryAcquire('retention', 'b', HOUR, at('2024-06-30T03:01:00Z'))).toEqual({ fence: 2 });
    expect((await lease.log('retention')).map((g) => g.holder)).toEqual(['a', 'b']);
  });
});
