import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { killHard, type ChildApp } from '../child-app';
import { startKafkaTarget, uniqueName, type KafkaTarget } from '../../servers/kafka/target';
import { KafkaTestClient } from './kafka-test-client';
import { startKafkaTestApp, type KafkaTestApp, type KafkaTestAppOptions } from './kafka-test-app';

/** What each Kafka test gets afresh: a target (test broker or real Kafka), a client, an organisation of its own. */
export interface KafkaFixture {
  target: KafkaTarget;
  client: KafkaTestClient;
  /** A fresh organisation id, so that assertions on a shared real cluster go by this test's events only. */
  org: string;
  /** Starts the in-process app on a fresh group (unless given); it is closed after the test. */
  startApp(options?: Partial<KafkaTestAppOptions>): Promise<KafkaTestApp>;
  /** Child apps killed and directories removed after the test. */
  children: ChildApp[];
  dirs: string[];
  /** Runs after the test, before the apps and the target stop (to disconnect a client of the test's own, say). */
  cleanup(step: () => Promise<void>): void;
}

/** Registers beforeEach/afterEach hooks that set up and tear down a KafkaFixture; read it inside tests only. */
export function useKafkaFixture(): KafkaFixture {
  const apps: KafkaTestApp[] = [];
  const steps: Array<() => Promise<void>> = [];
  const fixture = { children: [], dirs: [], cleanup: (step: () => Promise<void>) => steps.push(step) } as unknown as KafkaFixture;
  beforeEach(async () => {
    fixture.target = await startKafkaTarget();
    fixture.client = await KafkaTestClient.connect(fixture.target.brokers);
    fixture.org = `kf-${randomBytes(4).toString('hex')}`;
    fixture.startApp = async (options = {}) => {
      const app = await startKafkaTestApp({ brokers: fixture.target.brokers, groupId: uniqueName('rung-faults'), ...options });
      apps.push(app);
      return app;
    };
  });
  afterEach(async () => {
    for (const step of steps.splice(0)) await step();
    const alive = fixture.children.splice(0).filter((c) => c.process.exitCode === null && c.process.signalCode === null);
    await Promise.all(alive.map(killHard));
    await Promise.all(apps.splice(0).map((app) => app.close()));
    fixture.dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true }));
    await fixture.client.disconnect();
    await fixture.target.stop();
  });
  return fixture;
}
