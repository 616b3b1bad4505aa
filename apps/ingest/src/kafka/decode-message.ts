import { familyTopicOf } from '@rung/contracts';

export type DeadLetterCode = 'invalid-json' | 'not-an-object' | 'wrong-topic' | 'rejected';

export type DecodedMessage =
  | { ok: true; event: Record<string, unknown> }
  | { ok: false; code: DeadLetterCode; reason: string };

/**
 * Reads one message value as an event for `topic`. Only what the command cannot judge is decided here:
 * JSON, one object, the topic's family. Everything else about the event is the command's to validate.
 * Reasons never quote the value: they travel in headers and logs.
 */
export function decodeMessage(topic: string, value: Buffer | null): DecodedMessage {
  if (value === null) return bad('invalid-json', 'the message has no value');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value.toString('utf8'));
  } catch {
    return bad('invalid-json', 'the value is not valid JSON');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    return bad('not-an-object', `the value must be one event object, not ${Array.isArray(parsed) ? 'an array' : describe(parsed)}`);
  }
  const event = parsed as Record<string, unknown>;
  const home = familyTopicOf(event.type);
  if (home !== undefined && home !== topic) {
    return bad('wrong-topic', `${String(event.type)} events belong on ${home}, not on ${topic}`);
  }
  return { ok: true, event };
}

function bad(code: DeadLetterCode, reason: string): DecodedMessage {
  return { ok: false, code, reason };
}

function describe(value: unknown): string {
  return value === null ? 'null' : `a ${typeof value}`;
}
