import { execSync } from 'node:child_process';
import type { KafkaTarget } from '../../servers/kafka/target';

/** Takes the Kafka broker down and brings it back on the same address, keeping its data. */
export interface BrokerOutage {
  stop(): Promise<void>;
  start(): Promise<void>;
}

/**
 * The test broker stops and resumes listening on its port. Real Kafka (KAFKA_BROKERS) can only be
 * restarted from outside: set KAFKA_STOP_COMMAND and KAFKA_START_COMMAND (say, `docker compose -f
 * deploy/docker-compose.yml stop kafka` and `... start kafka`); without them there is no outage to make.
 */
export function brokerOutage(target: KafkaTarget): BrokerOutage | null {
  const broker = target.testBroker;
  if (broker) return { stop: () => broker.stopListening(), start: () => broker.resumeListening() };
  const { KAFKA_STOP_COMMAND: stop, KAFKA_START_COMMAND: start } = process.env;
  if (!stop || !start) return null;
  return { stop: async () => run(stop), start: async () => run(start) };
}

/** True when brokerOutage() will have a way to restart the broker of this run. */
export function canRestartBroker(): boolean {
  return !process.env.KAFKA_BROKERS || (!!process.env.KAFKA_STOP_COMMAND && !!process.env.KAFKA_START_COMMAND);
}

function run(command: string): void {
  execSync(command, { stdio: 'ignore', timeout: 120_000 });
}
