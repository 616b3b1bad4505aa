export * from './eventually';
export * from './fault-injecting-store';
export * from './kafka-test-app';
export * from './kafka-test-client';
export * from './career-on-kafka';
export { startKafkaTarget, uniqueName, type KafkaTarget } from '../../servers/kafka/target';
