import { DEAD_LETTER_TOPIC } from '@rung/contracts';
import { eventually, notStoredOnce, rawEvent, useKafkaFixture, type KafkaTestBroker, type Landed } from '@rung/testing';

// Fault: poison messages in the middle of a long partition, several chunks deep. Every reason code, and
// the dead letter's headers, are covered within one chunk by test/kafka-ingest.e2e-spec.ts ("dead-letters
// each poison message with its origin and reason, and consumes the rest of its partition"). Here, on the
// test broker, the commit of the poisoned chunk is also lost once (the broker drops it and closes the
// connection), so the chunk, poison included, is delivered a second time.

const kafka = useKafkaFixture();
const BATCH = 4;
const TOPIC = 'career.promotion.v1';
/** Positions of the poison messages among the 20: in the third chunk, between good events. */
const POISON = [9, 10];

describe('Kafka fault: a poison message in the middle of a partition', () => {
  it('dead-letters the poison, stores every good event once and in order, and commits to the end of the partition', async () => {
    const { client, org } = kafka;
    const good = Array.from({ length: 20 - POISON.length }, (_, i) =>
      rawEvent('GradeChanged', { orgId: org, subjectRef: 'P', occurredAt: `2024-03-${String(i + 1).padStart(2, '0')}` }));
    const values = good.map((e) => JSON.stringify(e));
    values.splice(POISON[0], 0, '{"eventId": "0b8f6a8e', JSON.stringify(rawEvent('GradeChanged', { orgId: org, subjectRef: 'P', occurredAt: 'soon' })));
    const at = await client.send(TOPIC, values.map((value) => ({ key: `${org}:P`, value })));
    const poisonOffsets = POISON.map((i) => String(at.offset + i));
    const dropped = kafka.target.testBroker ? dropFirstCommitPast(kafka.target.testBroker, at, at.offset + POISON[1]) : null;

    const app = await kafka.startApp({ env: { KAFKA_BATCH_SIZE: String(BATCH) } });
    const committed = async (): Promise<number> => (await client.committed(app.config.kafkaGroupId)).get(`${TOPIC}/${at.partition}`) ?? -1;
    await eventually('the commit past the last message', async () => (await committed()) === at.offset + values.length, 20_000);

    expect((await app.stream(org, 'P')).map((e) => e.eventId)).toEqual(good.map((e) => e.eventId));
    expect(notStoredOnce(await app.storedIds(), good)).toEqual([]);
    const ours = (l: { headers: Record<string, string> }): boolean =>
      l.headers['original-topic'] === TOPIC && l.headers['original-partition'] === String(at.partition) && poisonOffsets.includes(l.headers['original-offset']);
    const letters = await client.deadLetters(ours, POISON.length);
    expect(new Set(letters.map((l) => l.headers['original-offset']))).toEqual(new Set(poisonOffsets));
    if (kafka.target.testBroker && dropped) {
      expect(dropped()).toBe(true);
      // The chunk came again: its good events are duplicates, and its poison is dead-lettered again
      // (the dead-letter topic is at least once; readers tell repeats by original-topic/partition/offset).
      expect(app.metrics()).toMatchObject({ stored: good.length, duplicates: BATCH - POISON.length, deadLettered: 2 * POISON.length });
      const all = (await kafka.target.testBroker.readAll(DEAD_LETTER_TOPIC)).filter(ours);
      expect(all.map((l) => l.headers['original-offset']).sort()).toEqual([...poisonOffsets, ...poisonOffsets].sort());
    }
  });
});

/** Drops the first OffsetCommit that would move the partition past `offset`; returns whether it happened. */
function dropFirstCommitPast(broker: KafkaTestBroker, at: Landed, offset: number): () => boolean {
  let dropped = false;
  broker.onOffsetCommit(({ topics }) => {
    const past = topics.some((t) => t.topic === at.topic && t.partitions.some((p) => p.partition === at.partition && p.offset > offset));
    if (dropped || !past) return 'apply';
    dropped = true;
    return 'drop';
  });
  return () => dropped;
}
