import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { MongoJobLease } from './mongo-job-lease';

const HOUR = 3_600_000;
const at = (iso: string) => new Date(iso);

describeOnMongo('MongoJobLease', (endpoint) => {
  let connections: Connection[];
  let leases: MongoJobLease[];

  beforeEach(async () => {
    const uri = endpoint().uriFor(uniqueDbName('leases'));
    connections = [await openMongoConnection(uri), await openMongoConnection(uri)];
    leases = connections.map((c) => MongoJobLease.open(c));
  });
  afterEach(async () => {
    await connections[0].dropDatabase();
    await Promise.all(connections.map((c) => c.close()));
  });

  it('given two instances asking at the same moment, then exactly one holds the lease', async () => {
    const now = at('2024-06-30T03:00:00Z');
    const won = await Promise.all([leases[0].tryAcquire('retention', 'a', HOUR, now), leases[1].tryAcquire('retention', 'b', HOUR, now)]);
    expect(won.filter(Boolean)).toHaveLength(1);
  });

  it('given a holder, then it keeps the lease on renewal and another instance gets it only once it has expired', async () => {
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, at('2024-06-30T03:00:00Z'))).toBe(true);
    expect(await leases[1].tryAcquire('retention', 'b', HOUR, at('2024-06-30T03:30:00Z'))).toBe(false);
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, at('2024-06-30T03:30:00Z'))).toBe(true);
    expect(await leases[1].tryAcquire('retention', 'b', HOUR, at('2024-06-30T04:29:00Z'))).toBe(false);
    expect(await leases[1].tryAcquire('retention', 'b', HOUR, at('2024-06-30T04:31:00Z'))).toBe(true);
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, at('2024-06-30T04:32:00Z'))).toBe(false);
  });

  it('given a holder that releases its lease, then another instance gets it at once; a release by another is ignored', async () => {
    const now = at('2024-06-30T03:00:00Z');
    expect(await leases[0].tryAcquire('rebuild', 'a', HOUR, now)).toBe(true);
    await leases[1].release('rebuild', 'b');
    expect(await leases[1].tryAcquire('rebuild', 'b', HOUR, now)).toBe(false);
    await leases[0].release('rebuild', 'a');
    expect(await leases[1].tryAcquire('rebuild', 'b', HOUR, now)).toBe(true);
  });

  it('keeps one lease per job name', async () => {
    const now = at('2024-06-30T03:00:00Z');
    expect(await leases[0].tryAcquire('retention', 'a', HOUR, now)).toBe(true);
    expect(await leases[1].tryAcquire('another-job', 'b', HOUR, now)).toBe(true);
  });
});
