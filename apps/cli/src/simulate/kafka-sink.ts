import { readFileSync } from 'node:fs';
import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { CareerEvent } from '@rung/contracts';
import { messageKey, topicForType } from '@rung/contracts';
import { KAFKA_SASL_MECHANISMS, kafkaClientConfig, type KafkaSaslMechanism, type KafkaSecurity } from '@rung/platform';
import { stringFlag, UsageError, type Flags } from '../console/args';
import type { EventSink, SinkReport } from './sinks';

const MESSAGES_PER_SEND = 1000;

/** Produces each event to its family's topic (SPEC §5), keyed `orgId:subjectRef`, acknowledged by all replicas. */
export class KafkaSink implements EventSink {
  private sent = 0;

  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string[], security: KafkaSecurity): Promise<KafkaSink> {
    const kafka = new Kafka({ ...kafkaClientConfig('rung-simulate', brokers, security), logLevel: logLevel.ERROR });
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: true });
    await producer.connect();
    return new KafkaSink(producer);
  }

  async write(events: readonly CareerEvent[]): Promise<void> {
    for (let i = 0; i < events.length; i += MESSAGES_PER_SEND) {
      const byTopic = new Map<string, Array<{ key: string; value: string }>>();
      for (const event of events.slice(i, i + MESSAGES_PER_SEND)) {
        const topic = topicForType(event.type);
        const messages = byTopic.get(topic) ?? [];
        messages.push({ key: messageKey(event), value: JSON.stringify(event) });
        byTopic.set(topic, messages);
      }
      await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
      this.sent += Math.min(MESSAGES_PER_SEND, events.length - i);
    }
  }

  async close(): Promise<SinkReport> {
    await this.producer.disconnect();
    return { sent: this.sent };
  }
}

/**
 * TLS and SASL for --kafka, with the same rules as the services' KAFKA_SSL* and KAFKA_SASL_* variables. The
 * password is read only from a file, which keeps it out of `ps`.
 */
export function kafkaSecurityFromFlags(flags: Flags): KafkaSecurity {
  const mechanism = stringFlag(flags, 'kafka-sasl');
  if (mechanism !== undefined && !KAFKA_SASL_MECHANISMS.includes(mechanism as KafkaSaslMechanism)) {
    throw new UsageError(`--kafka-sasl must be one of: ${KAFKA_SASL_MECHANISMS.join(', ')} (got '${mechanism}')`);
  }
  const username = stringFlag(flags, 'kafka-username');
  const passwordFile = stringFlag(flags, 'kafka-password-file');
  const saslFlags = [mechanism, username, passwordFile].filter((value) => value !== undefined).length;
  if (saslFlags !== 0 && saslFlags !== 3) throw new UsageError('--kafka-sasl, --kafka-username and --kafka-password-file go together');
  const caFile = stringFlag(flags, 'kafka-ca-file');
  if (caFile && flags['kafka-ssl'] !== true) throw new UsageError('--kafka-ca-file is used only with --kafka-ssl');
  return {
    kafkaSsl: flags['kafka-ssl'] === true, kafkaSslCaFile: caFile,
    kafkaSaslMechanism: mechanism as KafkaSaslMechanism | undefined, kafkaSaslUsername: username,
    kafkaSaslPassword: passwordFile === undefined ? undefined : readFileSync(passwordFile, 'utf8').trim(),
  };
}
