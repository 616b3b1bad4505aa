import { BSON, Binary, Decimal128, Long } from 'bson';
import type { CommandStartedEvent, CommandSucceededEvent, Db } from 'mongodb';
import type { Connection } from 'mongoose';
import mongoose, { Schema, Types } from 'mongoose';
import { connect as tcpConnect } from 'node:net';
import type { MongoTestServer } from './index';
import { startMongoTestServer } from './index';

/**
 * Talks to the in-memory server with the real mongoose/driver over TCP. With MONGO_URL set, the
 * mongoose tests run against that MongoDB instead, which keeps the test server honest.
 */
interface Target {
  uri: string;
  stop(): Promise<void>;
}

const DB_NAME = `rung_mongo_test_server_spec_${process.pid}`;
const CONNECT_OPTIONS = { dbName: DB_NAME, serverSelectionTimeoutMS: 5000, monitorCommands: true };

async function target(): Promise<Target> {
  const external = process.env.MONGO_URL;
  if (external !== undefined && external !== '') return { uri: external, stop: async () => {} };
  const server = await startMongoTestServer();
  return { uri: server.uri, stop: () => server.stop() };
}

interface TypesDoc {
  _id: Types.ObjectId;
  price: Decimal128;
  at: Date;
  big: unknown;
  bytes: Binary;
  nested: { list: unknown[] };
}

function names(items: ReadonlyArray<{ name?: unknown }>): unknown[] {
  return items.map((item) => item.name);
}

function rawDb(conn: Connection): Db {
  if (conn.db === undefined) throw new Error('connection has no db');
  return conn.db;
}

interface User {
  email: string;
  name: string;
  age?: number;
  tags?: string[];
  org?: string;
  code?: string;
  items?: Array<{ sku: string; qty: number }>;
}

const userSchema = new Schema<User>(
  {
    email: { type: String, required: true, unique: true },
    name: String,
    age: Number,
    tags: [String],
    org: String,
    code: String,
    items: [{ _id: false, sku: String, qty: Number }],
  },
  { autoIndex: false, autoCreate: false },
);
userSchema.index({ org: 1, code: 1 }, { unique: true, sparse: true });

interface Item {
  n: number;
  group: string;
}

const itemSchema = new Schema<Item>({ n: Number, group: String }, { autoIndex: false, autoCreate: false });

const userModel = (conn: Connection) => conn.model('User', userSchema, 'users');
const itemModel = (conn: Connection) => conn.model('Item', itemSchema, 'items');

describe('MongoDB test server through mongoose', () => {
  let t: Target;
  let conn: Connection;
  let Users: ReturnType<typeof userModel>;
  let Items: ReturnType<typeof itemModel>;
  const commands: CommandStartedEvent[] = [];
  const replies: CommandSucceededEvent[] = [];

  beforeAll(async () => {
    t = await target();
    conn = await mongoose.createConnection(t.uri, CONNECT_OPTIONS).asPromise();
    conn.getClient().on('commandStarted', (event: CommandStartedEvent) => commands.push(event));
    conn.getClient().on('commandSucceeded', (event: CommandSucceededEvent) => replies.push(event));
    await conn.dropDatabase();
    Users = userModel(conn);
    Items = itemModel(conn);
    await Users.syncIndexes();
  });

  afterAll(async () => {
    await conn?.dropDatabase();
    await conn?.close();
    await t?.stop();
  });

  beforeEach(async () => {
    await Users.deleteMany({});
    commands.length = 0;
    replies.length = 0;
  });

  const user = (n: number, extra: Partial<User> = {}): User => ({
    email: `u${n}@example.org`,
    name: `User ${n}`,
    age: 20 + n,
    ...extra,
  });

  it('answers raw driver commands: ping, buildInfo and unknown commands', async () => {
    const db = rawDb(conn);
    await expect(db.command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
    const info = await db.admin().command({ buildInfo: 1 });
    expect(info.version).toMatch(/^\d+\.\d+\.\d+/);
    await expect(db.command({ definitelyNotACommand: 1 })).rejects.toMatchObject({
      code: 59,
      codeName: 'CommandNotFound',
      message: expect.stringContaining("no such command: 'definitelyNotACommand'") as unknown,
    });
  });

  it('creates schema indexes (single and compound unique) and lists them', async () => {
    const indexes = (await Users.listIndexes()) as Array<{ name: string; key: unknown }>;
    const byName = new Map(indexes.map((index) => [index.name, index]));
    expect(byName.get('_id_')?.key).toEqual({ _id: 1 });
    expect(byName.get('email_1')).toMatchObject({ key: { email: 1 }, unique: true });
    expect(byName.get('org_1_code_1')).toMatchObject({
      key: { org: 1, code: 1 },
      unique: true,
      sparse: true,
    });
    expect(indexes).toHaveLength(3);
  });

  it('rejects a duplicate with the real duplicate key error shape', async () => {
    await Users.create(user(1));
    const err: unknown = await Users.create(user(2, { email: 'u1@example.org' })).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 11000,
      keyPattern: { email: 1 },
      keyValue: { email: 'u1@example.org' },
    });
    const expected = 'index: email_1 dup key: { email: "u1@example.org" }';
    expect((err as Error).message).toMatch(/^E11000 duplicate key error collection: \S+\.users /);
    expect((err as Error).message).toContain(expected);
    expect(await Users.countDocuments()).toBe(1);
  });

  it('insertMany ordered stops at the first duplicate', async () => {
    const docs = [user(1), user(2), user(3, { email: 'u1@example.org' }), user(4)];
    const err = (await Users.insertMany(docs).catch((e: unknown) => e)) as {
      code: number;
      insertedDocs: User[];
    };
    expect(err.code).toBe(11000);
    expect(err.insertedDocs.map((d) => d.name)).toEqual(['User 1', 'User 2']);
    const stored = await Users.find().sort({ age: 1 }).lean();
    expect(stored.map((d) => d.name)).toEqual(['User 1', 'User 2']);
  });

  it('insertMany {ordered:false} inserts the rest and reports every duplicate', async () => {
    const docs = [
      user(1, { org: 'nhs', code: 'A' }),
      user(2, { email: 'u1@example.org' }),
      user(3),
      user(4, { org: 'nhs', code: 'A' }),
      user(5),
    ];
    const err = (await Users.insertMany(docs, { ordered: false }).catch((e: unknown) => e)) as {
      name: string;
      insertedDocs: User[];
      result: { insertedCount: number };
      writeErrors: Array<{ index: number; code: number; errmsg: string }>;
    };
    expect(err.name).toBe('MongoBulkWriteError');
    expect(err.insertedDocs.map((d) => d.name)).toEqual(['User 1', 'User 3', 'User 5']);
    expect(err.result.insertedCount).toBe(3);
    expect(err.writeErrors.map((w) => [w.index, w.code])).toEqual([
      [1, 11000],
      [3, 11000],
    ]);
    expect(err.writeErrors[1].errmsg).toContain('index: org_1_code_1 dup key: { org: "nhs", code: "A" }');
    // The driver drops keyPattern/keyValue from bulk write errors, so check the raw server reply.
    const insertReply = replies.find((r) => r.commandName === 'insert')?.reply as { writeErrors: unknown[] };
    expect(insertReply.writeErrors).toEqual([
      expect.objectContaining({
        index: 1,
        code: 11000,
        keyPattern: { email: 1 },
        keyValue: { email: 'u1@example.org' },
      }),
      expect.objectContaining({
        index: 3,
        code: 11000,
        keyPattern: { org: 1, code: 1 },
        keyValue: { org: 'nhs', code: 'A' },
      }),
    ]);
    expect(await Users.countDocuments()).toBe(3);
  });

  it('finds with filter, sort, skip, limit and projection', async () => {
    await Users.insertMany([1, 2, 3, 4, 5].map((n) => user(n)));
    const found = await Users.find({ age: { $gte: 22 } }, { name: 1, _id: 0 })
      .sort({ age: -1 })
      .skip(1)
      .limit(2)
      .lean();
    expect(found).toEqual([{ name: 'User 4' }, { name: 'User 3' }]);
  });

  it('matches ObjectIds (by equality and $in) the way MongoDB does', async () => {
    const [a, b] = await Users.insertMany([user(1), user(2), user(3)]);
    const byString = await Users.findById(a._id.toHexString()).lean();
    expect(byString?.name).toBe('User 1');
    const inList = await Users.find({ _id: { $in: [b._id, new Types.ObjectId()] } }).lean();
    expect(inList.map((d) => d.name)).toEqual(['User 2']);
  });

  it('iterates a cursor across several getMore batches', async () => {
    await Items.deleteMany({});
    await Items.insertMany(Array.from({ length: 250 }, (_, n) => ({ n, group: n % 2 ? 'odd' : 'even' })));
    commands.length = 0;
    const seen: number[] = [];
    for await (const item of Items.find().sort({ n: 1 }).batchSize(50).cursor()) seen.push(item.n);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, n) => n));
    const getMores = commands.filter((c) => c.commandName === 'getMore');
    expect(getMores.length).toBeGreaterThanOrEqual(4);
  });

  it('kills cursors closed early; getMore on them fails with CursorNotFound', async () => {
    await Items.deleteMany({});
    await Items.insertMany(Array.from({ length: 30 }, (_, n) => ({ n, group: 'g' })));
    replies.length = 0;
    const cursor = rawDb(conn).collection('items').find({}, { batchSize: 10 });
    await cursor.next();
    const id = cursor.id;
    await cursor.close();
    const killReply = replies.find((r) => r.commandName === 'killCursors')?.reply;
    const killed = killReply as { cursorsKilled: unknown[] };
    expect(killed.cursorsKilled.map(String)).toEqual([String(id)]);
    await expect(rawDb(conn).command({ getMore: id, collection: 'items' })).rejects.toMatchObject({
      code: 43,
      codeName: 'CursorNotFound',
    });
  });

  it('updateOne applies $set/$inc/$push and counts matched/modified', async () => {
    await Users.create(user(1, { tags: ['a'] }));
    const result = await Users.updateOne(
      { email: 'u1@example.org' },
      { $set: { name: 'Renamed' }, $inc: { age: 5 }, $push: { tags: 'b' } },
    );
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const stored = await Users.findOne({ email: 'u1@example.org' }).lean();
    expect(stored).toMatchObject({ name: 'Renamed', age: 26, tags: ['a', 'b'] });
    const noop = await Users.updateOne({ email: 'u1@example.org' }, { $set: { name: 'Renamed' } });
    expect(noop).toMatchObject({ matchedCount: 1, modifiedCount: 0 });
  });

  it('upserts with $setOnInsert only applied on insert', async () => {
    const filter = { email: 'new@example.org' };
    const upsert = { upsert: true };
    const first = await Users.updateOne(filter, { $set: { name: 'New' }, $setOnInsert: { age: 1 } }, upsert);
    expect(first.upsertedCount).toBe(1);
    expect(first.upsertedId).toBeInstanceOf(Types.ObjectId);
    const second = await Users.updateOne(filter, { $set: { name: 'Again' }, $setOnInsert: { age: 99 } }, upsert);
    expect(second).toMatchObject({ matchedCount: 1, modifiedCount: 1, upsertedCount: 0 });
    const stored = await Users.find(filter).lean();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ email: 'new@example.org', name: 'Again', age: 1 });
    expect(stored[0]._id).toEqual(first.upsertedId);
  });

  it('updates the array element matched by the positional $ operator', async () => {
    await Users.create(user(1, { items: [{ sku: 'a', qty: 1 }, { sku: 'b', qty: 2 }] }));
    await Users.updateOne({ email: 'u1@example.org', 'items.sku': 'b' }, { $set: { 'items.$.qty': 7 } });
    const stored = await Users.findOne({ email: 'u1@example.org' }).lean();
    expect(stored?.items).toEqual([{ sku: 'a', qty: 1 }, { sku: 'b', qty: 7 }]);
  });

  it('enforces unique indexes on updates', async () => {
    await Users.insertMany([user(1), user(2)]);
    const err: unknown = await Users.updateOne(
      { email: 'u2@example.org' },
      { $set: { email: 'u1@example.org' } },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyValue: { email: 'u1@example.org' } });
    expect(await Users.countDocuments({ email: 'u2@example.org' })).toBe(1);
  });

  it('findOneAndUpdate returns the new document and can upsert', async () => {
    await Users.create(user(1));
    const updated = await Users.findOneAndUpdate(
      { email: 'u1@example.org' },
      { $inc: { age: 1 } },
      { returnDocument: 'after', projection: { age: 1, email: 1 } },
    ).lean();
    expect(updated).toMatchObject({ email: 'u1@example.org', age: 22 });
    expect(updated).not.toHaveProperty('name');
    const sent = commands.find((c) => c.commandName === 'findAndModify')?.command;
    expect(sent).toMatchObject({ new: true, fields: { age: 1, email: 1 } });
    const before = await Users.findOneAndUpdate({ email: 'u1@example.org' }, { $set: { age: 50 } }).lean();
    expect(before?.age).toBe(22);
    const created = await Users.findOneAndUpdate(
      { email: 'x@example.org' },
      { $set: { name: 'X' } },
      { returnDocument: 'after', upsert: true },
    ).lean();
    expect(created).toMatchObject({ email: 'x@example.org', name: 'X' });
    expect(created?._id).toBeInstanceOf(Types.ObjectId);
    const removed = await Users.findOneAndDelete({ email: 'x@example.org' }).lean();
    expect(removed?.name).toBe('X');
    expect(await Users.countDocuments()).toBe(1);
  });

  it('findOneAndUpdate reports duplicate keys as a command error', async () => {
    await Users.insertMany([user(1), user(2)]);
    const err: unknown = await Users.findOneAndUpdate(
      { email: 'u2@example.org' },
      { $set: { email: 'u1@example.org' } },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 11000, keyPattern: { email: 1 } });
  });

  it('bulkWrite mixes insertOne, upserting updateOne and deleteOne', async () => {
    await Users.insertMany([user(1), user(2)]);
    const result = await Users.bulkWrite([
      { insertOne: { document: user(3) } },
      {
        updateOne: { filter: { email: 'u9@example.org' }, update: { $set: { name: 'Nine' } }, upsert: true },
      },
      { updateOne: { filter: { email: 'u1@example.org' }, update: { $set: { name: 'One' } } } },
      { deleteOne: { filter: { email: 'u2@example.org' } } },
    ]);
    expect(result).toMatchObject({
      insertedCount: 1,
      upsertedCount: 1,
      matchedCount: 1,
      modifiedCount: 1,
      deletedCount: 1,
    });
    const names = (await Users.find().sort({ email: 1 }).lean()).map((d) => d.name);
    expect(names).toEqual(['One', 'User 3', 'Nine']);
  });

  it('deleteMany, countDocuments and estimatedDocumentCount', async () => {
    await Users.insertMany([1, 2, 3, 4, 5].map((n) => user(n)));
    const deleted = await Users.deleteMany({ age: { $lt: 23 } });
    expect(deleted.deletedCount).toBe(2);
    expect(await Users.countDocuments({ age: { $gte: 24 } })).toBe(2);
    expect(await Users.estimatedDocumentCount()).toBe(3);
  });

  it('distinct flattens arrays and honours the query', async () => {
    await Users.insertMany([
      user(1, { tags: ['a', 'b'] }),
      user(2, { tags: ['b', 'c'] }),
      user(3, { tags: ['z'] }),
    ]);
    const tags = await Users.distinct('tags', { age: { $lt: 23 } });
    expect([...tags].sort()).toEqual(['a', 'b', 'c']);
  });

  it('aggregates with $match, $group and $sort', async () => {
    await Items.deleteMany({});
    await Items.insertMany(Array.from({ length: 10 }, (_, n) => ({ n, group: n % 2 ? 'odd' : 'even' })));
    const groups = await Items.aggregate<{ _id: string; total: number; count: number }>([
      { $match: { n: { $gte: 2 } } },
      { $group: { _id: '$group', total: { $sum: '$n' }, count: { $sum: 1 } } },
      { $sort: { total: -1 } },
    ]);
    expect(groups).toEqual([
      { _id: 'odd', total: 24, count: 4 },
      { _id: 'even', total: 20, count: 4 },
    ]);
  });

  it('aggregates across collections with $lookup and writes results with $out', async () => {
    await Users.insertMany([user(1, { org: 'nhs', code: 'A' }), user(2, { org: 'police', code: 'B' })]);
    const orgs = rawDb(conn).collection('orgs');
    await orgs.deleteMany({});
    await orgs.insertMany([{ _id: 'nhs', label: 'Health' }, { _id: 'police', label: 'Policing' }] as never[]);
    await Users.aggregate([
      { $lookup: { from: 'orgs', localField: 'org', foreignField: '_id', as: 'orgDoc' } },
      { $project: { _id: '$email', label: { $first: '$orgDoc.label' } } },
      { $out: 'user_orgs' },
    ]);
    const out = await rawDb(conn).collection('user_orgs').find().sort({ _id: 1 }).toArray();
    expect(out).toEqual([
      { _id: 'u1@example.org', label: 'Health' },
      { _id: 'u2@example.org', label: 'Policing' },
    ]);
  });

  it('writes with w:0 (moreToCome) are applied without a reply', async () => {
    // One pooled connection, so a stray reply to the w:0 insert would be read by the next command.
    const single = await mongoose.createConnection(t.uri, { ...CONNECT_OPTIONS, maxPoolSize: 1 }).asPromise();
    try {
      const coll = rawDb(single).collection<{ _id: number; v: string }>('fire_and_forget');
      await coll.deleteMany({});
      await coll.insertOne({ _id: 1, v: 'one' }, { writeConcern: { w: 0 } });
      await expect(coll.findOne({ _id: 1 })).resolves.toEqual({ _id: 1, v: 'one' });
      await expect(coll.countDocuments()).resolves.toBe(1);
    } finally {
      await single.close();
    }
  });

  it('round-trips BSON types (ObjectId, Decimal128, Date, int64, Binary)', async () => {
    const coll = rawDb(conn).collection<TypesDoc>('types');
    await coll.deleteMany({});
    const doc = {
      _id: new Types.ObjectId(),
      price: Decimal128.fromString('12.345'),
      at: new Date('2024-05-06T07:08:09.010Z'),
      big: Long.fromString('9007199254740993'),
      bytes: new Binary(Buffer.from([1, 2, 3])),
      nested: { list: [1, 'two', null] },
    };
    await coll.insertOne(doc);
    const stored = await coll.findOne({ _id: doc._id });
    expect(stored?.price).toBeInstanceOf(Decimal128);
    expect(stored?.price.toString()).toBe('12.345');
    expect(stored?.at).toEqual(doc.at);
    expect(Long.isLong(stored?.big) && stored.big.toString()).toBe('9007199254740993');
    expect(Buffer.from(stored?.bytes.value() ?? [])).toEqual(Buffer.from([1, 2, 3]));
    expect(stored?.nested).toEqual({ list: [1, 'two', null] });
    await expect(coll.countDocuments({ at: { $gt: new Date('2024-01-01') } })).resolves.toBe(1);
  });

  it('runs the statements of a committed transaction', async () => {
    await conn.transaction(async (session) => {
      await Users.create([user(1)], { session });
      await Users.updateOne({ email: 'u1@example.org' }, { $set: { name: 'In txn' } }, { session });
    });
    const sent = commands.find((c) => c.commandName === 'insert')?.command;
    expect(sent).toMatchObject({ startTransaction: true, autocommit: false });
    expect(commands.some((c) => c.commandName === 'commitTransaction')).toBe(true);
    const stored = await Users.findOne({ email: 'u1@example.org' }).lean();
    expect(stored).toMatchObject({ name: 'In txn' });
  });

  it('creates, lists and drops indexes and collections', async () => {
    const coll = rawDb(conn).collection('scratch');
    await coll.insertOne({ a: 1, b: 2 });
    await coll.createIndex({ b: -1 }, { name: 'b_desc' });
    expect(names(await coll.listIndexes().toArray())).toEqual(['_id_', 'b_desc']);
    await coll.dropIndex('b_desc');
    expect(names(await coll.listIndexes().toArray())).toEqual(['_id_']);
    const listed = await rawDb(conn).listCollections({ name: 'scratch' }).toArray();
    expect(names(listed)).toEqual(['scratch']);
    await expect(coll.drop()).resolves.toBe(true);
    expect(await rawDb(conn).listCollections({ name: 'scratch' }).toArray()).toEqual([]);
  });
});

describe('startMongoTestServer', () => {
  it('starts and stops quickly', async () => {
    const started = performance.now();
    const server = await startMongoTestServer();
    await server.stop();
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);
  });

  it('runs two isolated servers at once', async () => {
    const [a, b] = await Promise.all([startMongoTestServer(), startMongoTestServer()]);
    const options = { serverSelectionTimeoutMS: 5000 };
    const connA = await mongoose.createConnection(a.uriFor('shared'), options).asPromise();
    const connB = await mongoose.createConnection(b.uriFor('shared'), options).asPromise();
    try {
      expect(a.port).not.toBe(b.port);
      expect(a.uri).toBe(`mongodb://127.0.0.1:${a.port}/?replicaSet=rs0`);
      await rawDb(connA).collection('things').insertOne({ owner: 'a' });
      expect(await rawDb(connA).collection('things').countDocuments()).toBe(1);
      expect(await rawDb(connB).collection('things').countDocuments()).toBe(0);
    } finally {
      await Promise.all([connA.close(), connB.close()]);
      await Promise.all([a.stop(), b.stop()]);
    }
  });

  it('stop() disconnects clients that are still connected', async () => {
    const server = await startMongoTestServer();
    const client = await mongoose.createConnection(server.uri, { serverSelectionTimeoutMS: 300 }).asPromise();
    try {
      await expect(rawDb(client).command({ ping: 1 })).resolves.toMatchObject({ ok: 1 });
      const started = performance.now();
      await server.stop();
      expect(performance.now() - started).toBeLessThan(2000);
      await expect(rawDb(client).command({ ping: 1 })).rejects.toThrow();
    } finally {
      await client.close();
    }
  });

  describe('wire level', () => {
    let server: MongoTestServer;
    beforeAll(async () => {
      server = await startMongoTestServer();
    });
    afterAll(async () => {
      await server.stop();
    });

    it('answers OP_MSG with document sequences and a checksum', async () => {
      const body = { insert: 'raw', $db: 'wire', ordered: false };
      const docs = [{ _id: 1 }, { _id: 1 }, { _id: 2 }];
      const reply = await roundTrip(server.port, opMsg(1, body, { documents: docs }, true));
      expect(reply).toMatchObject({ ok: 1, n: 2, writeErrors: [{ index: 1, code: 11000 }] });
    });

    it('replies ok:0 to undecodable BSON and keeps serving', async () => {
      const frame = opMsg(2, { ping: 1, $db: 'admin' });
      frame.writeInt32LE(0x7fff, 21); // corrupt the body's length prefix
      const reply = await roundTrip(server.port, frame);
      expect(reply).toMatchObject({ ok: 0, code: 22 });
      const ping = opMsg(3, { ping: 1, $db: 'admin' });
      await expect(roundTrip(server.port, ping)).resolves.toMatchObject({ ok: 1 });
    });

    it('closes connections that send unsupported opcodes or impossible lengths', async () => {
      const legacyInsert = opMsg(4, { ping: 1, $db: 'admin' });
      legacyInsert.writeInt32LE(2002, 12);
      await expect(closedWithoutReply(server.port, legacyInsert)).resolves.toBe(true);
      const garbage = Buffer.from([1, 0, 0, 0, 9, 9, 9, 9]);
      await expect(closedWithoutReply(server.port, garbage)).resolves.toBe(true);
    });

    it('survives a client that disconnects mid-message', async () => {
      const frame = opMsg(5, { ping: 1, $db: 'admin' });
      await new Promise<void>((resolve) => {
        const socket = tcpConnect(server.port, '127.0.0.1', () => {
          socket.write(frame.subarray(0, 10), () => {
            socket.destroy();
            resolve();
          });
        });
      });
      const ping = opMsg(6, { ping: 1, $db: 'admin' });
      await expect(roundTrip(server.port, ping)).resolves.toMatchObject({ ok: 1 });
    });
  });
});

/** Builds an OP_MSG frame; `sequences` become kind-1 sections. */
function opMsg(
  requestId: number,
  body: object,
  sequences: Record<string, object[]> = {},
  checksum = false,
): Buffer {
  const sections = [Buffer.from([0]), Buffer.from(BSON.serialize(body))];
  for (const [name, docs] of Object.entries(sequences)) {
    const encoded = docs.map((d) => Buffer.from(BSON.serialize(d)));
    const payload = Buffer.concat([Buffer.from(`${name}\0`), ...encoded]);
    const size = Buffer.alloc(4);
    size.writeInt32LE(payload.length + 4);
    sections.push(Buffer.from([1]), size, payload);
  }
  const trailer = checksum ? [Buffer.alloc(4)] : [];
  const header = Buffer.alloc(20);
  const frame = Buffer.concat([header, ...sections, ...trailer]);
  frame.writeInt32LE(frame.length, 0);
  frame.writeInt32LE(requestId, 4);
  frame.writeInt32LE(2013, 12);
  frame.writeUInt32LE(checksum ? 1 : 0, 16);
  return frame;
}

/** Sends one frame on a fresh socket and decodes the OP_MSG reply body. */
function roundTrip(port: number, frame: Buffer): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = tcpConnect(port, '127.0.0.1', () => socket.write(frame));
    socket.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      const data = Buffer.concat(chunks);
      if (data.length < 4 || data.length < data.readInt32LE(0)) return;
      socket.destroy();
      resolve(BSON.deserialize(data.subarray(21)));
    });
    socket.on('error', reject);
    socket.on('close', () => reject(new Error('closed before a reply')));
  });
}

function closedWithoutReply(port: number, frame: Buffer): Promise<boolean> {
  return new Promise((resolve) => {
    let replied = false;
    const socket = tcpConnect(port, '127.0.0.1', () => socket.write(frame));
    socket.on('data', () => (replied = true));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(!replied));
  });
}
