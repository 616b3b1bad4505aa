import { Kafka, logLevel, Partitioners, type Producer } from 'kafkajs';
import type { CareerEvent } from '@rung/contracts';
import { messageKey, topicForType } from '@rung/contracts';
import type { EventSink, SinkReport } from './sinks';

const MESSAGES_PER_SEND = 1000;

/** Produces each event to its family's topic (SPEC §5), keyed `orgId:subjectRef`, acknowledged by all replicas. */
export class KafkaSink implements EventSink {
  private sent = 0;

  private constructor(private readonly producer: Producer) {}

  static async connect(brokers: string[]): Promise<KafkaSink> {
    const kafka = new Kafka({ clientId: 'rung-simulate', brokers, logLevel: logLevel.ERROR });
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
