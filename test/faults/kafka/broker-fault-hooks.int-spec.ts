import net from 'node:net';
import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';
import { startKafkaTestBroker } from '../../servers/kafka';
import { Encoder } from '../../servers/kafka/codec';
import type { KafkaTestBroker, OffsetCommitRequest } from '@rung/testing';

// The test broker's fault hooks (FIDELITY.md, "Fault injection"). They exist on the test broker only.

let broker: KafkaTestBroker;
let admin: Admin;
const TOPIC = 'faults';

beforeEach(async () => {
  broker = await startKafkaTestBroker();
  broker.createTopic(TOPIC, 1);
  admin = new Kafka({ clientId: 'fault-hooks', brokers: broker.brokers, logLevel: logLevel.NOTHING }).admin();
  await admin.connect();
});

afterEach(async () => {
  await broker.stop();
  await admin.disconnect();
});

/** A "simple" OffsetCommit v2 (generation -1) on a connection of its own: 'answered', or 'closed' without an answer. */
function commit(groupId: string, offset: number): Promise<'answered' | 'closed'> {
  const partition = new Encoder().writeInt32(0).writeInt64(offset).writeString('');
  const topic = new Encoder().writeString(TOPIC).writeArray([partition]);
  const body = new Encoder().writeInt16(8).writeInt16(2).writeInt32(1).writeString('hooks')
    .writeString(groupId).writeInt32(-1).writeString('').writeInt64(-1).writeArray([topic]);
  const frame = new Encoder().writeInt32(body.size()).writeEncoder(body).buffer;
  return new Promise((resolve, reject) => {
    const socket = net.connect(broker.port, broker.host, () => socket.write(frame));
    socket.once('data', () => {
      socket.destroy();
      resolve('answered');
    });
    socket.once('close', () => resolve('closed'));
    socket.once('error', reject);
  });
}

describe('Kafka test broker fault hooks', () => {
  it('holds the Nth OffsetCommit of a group, unanswered and unwritten, until it is released', async () => {
    expect(await commit('g', 5)).toBe('answered');
    const held = broker.holdOffsetCommit('g', 2);
    let answered = false;
    const second = commit('g', 7).then((outcome) => (answered = outcome === 'answered'));
    const { request, release } = await held;

    expect(request).toMatchObject({ groupId: 'g', sequence: 2, topics: [{ topic: TOPIC, partitions: [{ partition: 0, offset: 7 }] }] });
    expect(await commit('other', 1)).toBe('answered'); // a held request mutes its own connection only
    expect([answered, broker.committedOffset('g', TOPIC, 0)]).toEqual([false, '5']);
    release('apply');
    await second;
    expect([answered, broker.committedOffset('g', TOPIC, 0)]).toEqual([true, '7']);
  });

  it('drops a commit: nothing is written or answered and the connection closes; later commits apply again', async () => {
    const seen: OffsetCommitRequest[] = [];
    const remove = broker.onOffsetCommit((request) => {
      seen.push(request);
      return request.sequence === 1 ? 'drop' : 'apply';
    });
    expect(await commit('g', 3)).toBe('closed');
    expect(broker.committedOffset('g', TOPIC, 0)).toBeUndefined();
    expect(await commit('g', 4)).toBe('answered');
    remove();
    expect(await commit('g', 6)).toBe('answered');
    expect(seen.map((r) => [r.sequence, r.topics[0].partitions[0].offset])).toEqual([[1, 3], [2, 4]]);
    expect(broker.committedOffset('g', TOPIC, 0)).toBe('6');
  });

  it('restarts on the same port keeping records and committed offsets', async () => {
    const producer = new Kafka({ clientId: 'fault-hooks', brokers: broker.brokers, logLevel: logLevel.NOTHING }).producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    await producer.send({ topic: TOPIC, messages: [{ value: 'before' }] });
    await commit('g', 1);

    await broker.stopListening();
    await expect(commit('g', 2)).rejects.toThrow(/ECONNREFUSED/);
    await broker.resumeListening();
    await producer.send({ topic: TOPIC, messages: [{ value: 'after' }] });
    await producer.disconnect();

    expect((await broker.readAll(TOPIC)).map((r) => [r.offset, r.value])).toEqual([['0', 'before'], ['1', 'after']]);
    expect(broker.committedOffset('g', TOPIC, 0)).toBe('1');
    expect(await admin.fetchOffsets({ groupId: 'g', topics: [TOPIC] })).toEqual([{ topic: TOPIC, partitions: [{ partition: 0, offset: '1', metadata: null }] }]);
  });
});
