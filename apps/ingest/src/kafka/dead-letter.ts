import type { FieldError } from '@rung/contracts';
import type { KafkaMessage, Message } from 'kafkajs';
import type { DeadLetterCode } from './decode-message';

export const DEAD_LETTER_HEADERS = {
  topic: 'original-topic',
  partition: 'original-partition',
  offset: 'original-offset',
  timestamp: 'original-timestamp',
  code: 'reason-code',
  reason: 'reason',
} as const;

export interface BadMessage {
  message: KafkaMessage;
  code: DeadLetterCode;
  reason: string;
}

const MAX_REASON = 2000;

/** The dead letter keeps the original key, value and headers, so that it can be replayed once fixed. */
export function deadLetterRecord(topic: string, partition: number, bad: BadMessage): Message {
  const { message } = bad;
  return {
    key: message.key,
    value: message.value,
    headers: {
      ...message.headers,
      [DEAD_LETTER_HEADERS.topic]: topic,
      [DEAD_LETTER_HEADERS.partition]: String(partition),
      [DEAD_LETTER_HEADERS.offset]: message.offset,
      [DEAD_LETTER_HEADERS.timestamp]: message.timestamp,
      [DEAD_LETTER_HEADERS.code]: bad.code,
      [DEAD_LETTER_HEADERS.reason]: bad.reason.slice(0, MAX_REASON),
    },
  };
}

export function rejectionReason(errors: readonly FieldError[] = []): string {
  if (!errors.length) return 'the event was rejected';
  return errors.map((e) => `${e.path || 'event'}: ${e.message}`).join('; ');
}
