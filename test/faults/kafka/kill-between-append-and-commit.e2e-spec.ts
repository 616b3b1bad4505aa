import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  careersOnKafka, eventually, KAFKA_TEST_ENV, killHard, notStoredOnce, startChildApp, storedByKafka, storedIdsIn, uniqueName, useKafkaFixture,
  type ChildApp, type Landed, type RawEvent,
} from '@rung/testing';

// Fault: the consuming process is killed with kill -9 after it appended a chunk to the store, before the
// chunk's offset commit reached the broker. On the test broker this is exact: the broker holds the group's
// Nth OffsetCommit, and the process is killed while it waits for the answer; the commit is then dropped.

const kafka = useKafkaFixture();
const BATCH = 5;
const HELD_COMMIT = 3;

interface InFlight {
  topic: string;
  partition: number;
  /** Offsets the killed process appended but never committed: [from, to). */
  from: number;
  to: number;
}

describe('Kafka fault: kill -9 between the append and the offset commit', () => {
  it('redelivers the appended chunk to the replacement, which reports it as duplicates and stores nothing twice', async () => {
    const groupId = uniqueName('rung-kill-commit');
    const dataDir = mkdtempSync(join(tmpdir(), 'rung-kafka-kill-commit-'));
    kafka.dirs.push(dataDir);
    const events = careersOnKafka(kafka.org, 0, 8);
    const landed = await kafka.client.produce(events);

    const { child, inFlight } = await startAndKill(groupId, dataDir);
    const journal = await storedIdsIn(dataDir);
    const uncommitted = inFlight ? eventsIn(events, landed, inFlight) : [];
    // Appended before the kill: the store has them although the broker never got their commit.
    expect(uncommitted.filter((e) => !journal.has(e.eventId))).toEqual([]);
    expect(child.process.signalCode).toBe('SIGKILL');

    const replacement = await kafka.startApp({ groupId, dataDir, env: { KAFKA_BATCH_SIZE: String(BATCH) } });
    await eventually('the replacement to catch up', () => kafka.client.caughtUp(groupId), 25_000);

    expect(notStoredOnce(await replacement.storedIds(), events)).toEqual([]);
    const { duplicates, stored, partitions } = replacement.metrics();
    expect(stored + journal.size).toBe(events.length);
    if (inFlight) {
      expect(uncommitted.length).toBeGreaterThan(0);
      expect(duplicates).toBeGreaterThanOrEqual(uncommitted.length);
      const resumed = partitions.find((p) => p.topic === inFlight.topic && p.partition === inFlight.partition);
      expect(resumed?.firstOffset).toBe(String(inFlight.from));
    }
  }, 45_000);
});

/** Starts the built all-in-one in a child process, and kills it with kill -9 between an append and its commit. */
async function startAndKill(groupId: string, dataDir: string): Promise<{ child: ChildApp; inFlight: InFlight | null }> {
  const broker = kafka.target.testBroker;
  const held = broker?.holdOffsetCommit(groupId, HELD_COMMIT);
  const child = await startChildApp(dataDir, {
    ...KAFKA_TEST_ENV, KAFKA_BROKERS: kafka.target.brokers.join(','), KAFKA_GROUP_ID: groupId, KAFKA_BATCH_SIZE: String(BATCH),
  });
  kafka.children.push(child);
  if (!broker || !held) {
    // Real Kafka cannot hold a commit: kill once a few chunks are appended, wherever the consumer then is.
    // The replacement must still store everything once, but which chunk was in flight is not known.
    await eventually('three chunks appended', async () => (await storedByKafka(child)) >= HELD_COMMIT * BATCH, 20_000);
    await killHard(child);
    return { child, inFlight: null };
  }
  const commit = await within(held, 20_000, `OffsetCommit #${HELD_COMMIT} of the group`);
  await killHard(child);
  commit.release('drop');
  const [{ topic, partitions }] = commit.request.topics;
  const [{ partition, offset }] = partitions;
  const from = Number(broker.committedOffset(groupId, topic, partition) ?? 0);
  return { child, inFlight: { topic, partition, from, to: offset } };
}

function eventsIn(events: RawEvent[], landed: Map<string, Landed>, at: InFlight): RawEvent[] {
  return events.filter((e) => {
    const l = landed.get(e.eventId);
    return l?.topic === at.topic && l.partition === at.partition && l.offset >= at.from && l.offset < at.to;
  });
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
