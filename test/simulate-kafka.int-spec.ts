import { PassThrough } from 'node:stream';
import { CAREER_TOPICS, topicForType } from '@rung/contracts';
import { Simulation } from '@rung/simulator';
import { startKafkaTestBroker, type KafkaTestBroker } from './servers/kafka';
import { simulateCommand } from '../apps/cli/src/simulate/simulate-command';

describe('rung simulate --kafka', () => {
  let broker: KafkaTestBroker;
  beforeAll(async () => {
    broker = await startKafkaTestBroker();
  });
  afterAll(() => broker.stop());

  it('produces every event to its family topic, keyed orgId:subjectRef, in order within each key', async () => {
    const args = ['--seed', '5', '--orgs', '2', '--subjects', '300', '--years', '1'];
    const expected = [...new Simulation({ seed: 5, orgs: 2, subjects: 300, years: 1 }).events()];
    const stderr = new PassThrough();

    const code = await simulateCommand([...args, '--kafka', broker.brokers.join(',')], { stdout: new PassThrough(), stderr });

    expect(code).toBe(0);
    const records = (await Promise.all(CAREER_TOPICS.map(async (topic) => (await broker.readAll(topic)).map((r) => ({ topic, ...r }))))).flat();
    expect(records).toHaveLength(expected.length);
    const byKey = new Map<string, string[]>();
    for (const r of records) {
      const event = JSON.parse(r.value!) as (typeof expected)[number];
      expect(r.topic).toBe(topicForType(event.type));
      expect(r.key).toBe(`${event.orgId}:${event.subjectRef}`);
    }
    for (const topic of CAREER_TOPICS) {
      for (const r of records.filter((x) => x.topic === topic)) byKey.set(`${topic}|${r.key}`, [...(byKey.get(`${topic}|${r.key}`) ?? []), (JSON.parse(r.value!) as { eventId: string }).eventId]);
    }
    for (const [key, ids] of byKey) {
      const [topic, subject] = key.split('|');
      const sent = expected.filter((e) => topicForType(e.type) === topic && `${e.orgId}:${e.subjectRef}` === subject).map((e) => e.eventId);
      expect(ids).toEqual(sent);
    }
  });
});
