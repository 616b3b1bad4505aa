import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName } from '@rung/testing';
import type { Connection } from 'mongoose';
import { chainEntries } from '../chain';
import { readAll } from '../contract/audit-log.contract';
import { sampleRecord, sampleRecords } from '../contract/sample-records';
import { AUDIT_COLLECTION, toDocument } from './audit-documents';
import { MongoAuditLog } from './mongo-audit-log';

describeOnMongo('MongoAuditLog', (endpoint) => {
  let uri: string;
  let connections: Connection[];
  const open = async (): Promise<MongoAuditLog> => {
    const connection = await openMongoConnection(uri);
    connections.push(connection);
    return MongoAuditLog.open({ connection });
  };
  const raw = () => connections[0].collection(AUDIT_COLLECTION);

  beforeEach(() => {
    uri = endpoint().uriFor(uniqueDbName('audit'));
    connections = [];
  });
  afterEach(async () => {
    await connections[0].dropDatabase();
    await Promise.all(connections.map((c) => c.close()));
  });

  it('creates its indexes itself at start, with autoIndex off: seq unique, and key and action for filtered pages', async () => {
    await open();
    const indexes = await raw().listIndexes().toArray();
    expect(indexes.filter((i) => i.name !== '_id_').map((i) => [i.name, i.key, i.unique ?? false])).toEqual([
      ['seq_unique', { seq: 1 }, true],
      ['keyId_seq', { keyId: 1, seq: 1 }, false],
      ['action_seq', { action: 1, seq: 1 }, false],
    ]);
  });

  it('stores query parameters as [name, value] pairs, so that dotted and $ names stay data', async () => {
    const log = await open();
    await log.append([sampleRecord(0, { query: { 'param.id': 'st_1', $where: '1' } })]);
    const doc = await raw().findOne({ seq: 1 });
    expect(doc?.query).toEqual([['param.id', 'st_1'], ['$where', '1']]);
  });

  it('when another instance took the next seq, re-reads the newest entry and chains after it', async () => {
    const [mine, theirs] = [await open(), await open()];
    await mine.append([sampleRecord(0)]);
    await theirs.append(sampleRecords(2, 1));
    await mine.append([sampleRecord(3)]);
    expect(mine.contentionRetries).toBe(1);
    const entries = await readAll(mine);
    expect(entries.map((e) => [e.seq, e.correlationId])).toEqual([[1, 'c-0'], [2, 'c-1'], [3, 'c-2'], [4, 'c-3']]);
    expect((await mine.verify()).ok).toBe(true);
  });

  it('keeps the part of a group that went in before another writer\'s seq, and chains the rest after that entry', async () => {
    const log = await open();
    await log.append([sampleRecord(0)]);
    const [foreign] = chainEntries({ seq: 2, hash: 'f'.repeat(64) }, [sampleRecord(99)]);
    await raw().insertOne(toDocument(foreign));
    await log.append(sampleRecords(3, 1));
    const entries = await readAll(log);
    expect(entries.map((e) => [e.seq, e.correlationId])).toEqual([[1, 'c-0'], [2, 'c-1'], [3, 'c-99'], [4, 'c-2'], [5, 'c-3']]);
    expect(entries[3].prevHash).toBe(foreign.hash);
    expect(log.contentionRetries).toBe(1);
  });

  it('reports its own newest entries deleted, which a fresh instance, with the chain alone, cannot', async () => {
    const log = await open();
    await log.append(sampleRecords(4));
    await raw().deleteMany({ seq: { $gt: 2 } });
    expect((await log.verify()).problems.map((p) => [p.kind, p.seq])).toEqual([['removed', 3]]);
    expect((await (await open()).verify()).ok).toBe(true);
  });

  it('leaves a document changed out of shape out of pages, and verify reports it', async () => {
    const log = await open();
    await log.append(sampleRecords(3));
    await raw().updateOne({ seq: 2 }, { $set: { status: 'two hundred' } });
    expect((await readAll(log)).map((e) => e.seq)).toEqual([1, 3]);
    expect((await log.verify()).problems.map((p) => [p.kind, p.seq])).toEqual([['changed', 2]]);
  });
});
