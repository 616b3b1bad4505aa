import { randomBytes } from 'node:crypto';
import { startKafkaTestBroker, type KafkaTestBroker, type KafkaTestBrokerOptions } from './index';

/** Where Kafka tests run: the in-process test broker, or a real cluster when KAFKA_BROKERS is set. */
export interface KafkaTarget {
  brokers: string[];
  /** null when running against real Kafka: skip assertions that need the test broker's helpers. */
  testBroker: KafkaTestBroker | null;
  stop(): Promise<void>;
}

export async function startKafkaTarget(options?: KafkaTestBrokerOptions): Promise<KafkaTarget> {
  const external = process.env.KAFKA_BROKERS?.split(',').map((b) => b.trim()).filter(Boolean) ?? [];
  if (external.length > 0) {
    return { brokers: external, testBroker: null, stop: () => Promise.resolve() };
  }
  const testBroker = await startKafkaTestBroker(options);
  return { brokers: testBroker.brokers, testBroker, stop: () => testBroker.stop() };
}

/** Topic and group names that cannot collide across runs against a shared real cluster. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}
