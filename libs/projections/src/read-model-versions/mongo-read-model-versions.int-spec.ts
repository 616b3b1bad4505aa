import type { Connection } from 'mongoose';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import { MongoReadModelVersions } from './mongo-read-model-versions';
import { InProcessReadModelVersions } from './read-model-versions.port';

describeOnMongo('MongoReadModelVersions', (endpoint) => {
  let connections: Connection[];

  beforeEach(async () => {
    const uri = endpoint().uriFor(uniqueDbName('versions'));
    connections = [await openMongoConnection(uri), await openMongoConnection(uri)];
  });
  afterEach(async () => {
    await connections[0].dropDatabase();
    await Promise.all(connections.map((c) => c.close()));
  });

  it('given bumps from two processes, then each organisation counts every bump and both processes read the same versions', async () => {
    const [a, b] = connections.map((c) => MongoReadModelVersions.open(c));
    expect(a.shared).toBe(true);
    expect(await a.all()).toEqual(new Map());
    await Promise.all([a.bump(['org-a', 'org-b', 'org-a']), b.bump(['org-a'])]);
    await b.bump([]);
    expect(await a.all()).toEqual(new Map([['org-a', 2], ['org-b', 1]]));
    expect(await b.all()).toEqual(await a.all());
  });
});

describe('InProcessReadModelVersions', () => {
  it('given bumps, then it counts one per organisation per bump, and says other processes cannot see them', async () => {
    const versions = new InProcessReadModelVersions();
    await versions.bump(['x', 'x', 'y']);
    await versions.bump(['x']);
    expect(await versions.all()).toEqual(new Map([['x', 2], ['y', 1]]));
    expect(versions.shared).toBe(false);
  });
});
