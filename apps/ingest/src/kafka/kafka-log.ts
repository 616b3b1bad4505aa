import type { JsonLogger, LogFields, LogLevel } from '@rung/platform';
import { logLevel as KafkaLogLevel, type logCreator } from 'kafkajs';

const LEVELS: Partial<Record<KafkaLogLevel, LogLevel>> = {
  [KafkaLogLevel.ERROR]: 'error',
  [KafkaLogLevel.WARN]: 'warn',
  [KafkaLogLevel.INFO]: 'info',
  [KafkaLogLevel.DEBUG]: 'debug',
};

export const KAFKA_LOG_LEVEL: Record<LogLevel, KafkaLogLevel> = {
  error: KafkaLogLevel.ERROR,
  warn: KafkaLogLevel.WARN,
  info: KafkaLogLevel.INFO,
  debug: KafkaLogLevel.DEBUG,
};

/** kafkajs logs through the JSON logger; only flat fields are kept (kafkajs adds assignments and other objects). */
export function kafkaLogCreator(logger: JsonLogger): logCreator {
  return () => ({ level, namespace, log }) => {
    const { message, timestamp: _timestamp, logger: _name, ...extra } = log;
    logger.event(LEVELS[level] ?? 'debug', `kafkajs: ${message}`, { namespace, ...flat(extra) });
  };
}

function flat(fields: Record<string, unknown>): LogFields {
  const kept: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) kept[key] = value as LogFields[string];
  }
  return kept;
}
