import {
  eventually, KAFKA_TEST_ENV, killHard, startChildApp, storedByKafka, type ChildApp, type KafkaTarget, type KafkaTestClient,
} from '@rung/testing';

export interface KafkaConsumer {
  target: KafkaTarget;
  client: KafkaTestClient;
  groupId: string;
  dataDir: string;
  batch: number;
}

export function startConsumer(c: KafkaConsumer): Promise<ChildApp> {
  return startChildApp(c.dataDir, { ...KAFKA_TEST_ENV, KAFKA_BROKERS: c.target.brokers.join(','), KAFKA_GROUP_ID: c.groupId, KAFKA_BATCH_SIZE: String(c.batch) });
}

/**
 * Starts the consumer and kills it with kill -9 between an append and its offset commit: on the test
 * broker, the group's `nthCommit` OffsetCommit (counted since the broker started) is held, the process
 * killed while it waits for the answer, and the commit dropped. Real Kafka cannot hold a commit, so
 * there the process is killed once it reports `nthCommit` chunks stored, wherever it then is.
 */
export async function consumeUntilKilled(c: KafkaConsumer, nthCommit: number): Promise<void> {
  const broker = c.target.testBroker;
  const held = broker?.holdOffsetCommit(c.groupId, nthCommit);
  const child = await startConsumer(c);
  if (!held) {
    await eventually(`${nthCommit} chunks stored`, async () => (await storedByKafka(child)) >= nthCommit * c.batch, 60_000);
    await killHard(child);
    return;
  }
  const commit = await held;
  await killHard(child);
  commit.release('drop');
}

/** Lets the consumer run until the group has committed everything, then kills it, so that its journal can be read. */
export async function consumeToTheEnd(c: KafkaConsumer): Promise<void> {
  const child = await startConsumer(c);
  await eventually('the group to commit every partition to its end', () => c.client.caughtUp(c.groupId), 300_000);
  await killHard(child);
}
