import type { LoggerService } from '@nestjs/common';
import type { LogLevel } from '../config';
import { currentCorrelationId } from './request-context';

const RANK: Record<LogLevel, number> = { error: 0, warn: 1, info: 2, debug: 3 };

/** Nest's own start-up chatter (40-odd lines of modules and routes) is debug, not info. */
const NEST_BOOT = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

export type LogFields = Record<string, string | number | boolean | null | undefined>;

/**
 * Structured JSON logs, one object per line, carrying the correlation id. Callers pass only
 * metadata: payloads and subject references are never logged.
 */
export class JsonLogger implements LoggerService {
  constructor(
    private readonly level: LogLevel = 'info',
    private readonly write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  ) {}

  log(message: unknown, context?: string): void {
    this.emit(context && NEST_BOOT.has(context) ? 'debug' : 'info', message, context);
  }
  error(message: unknown, stackOrContext?: string, context?: string): void {
    this.emit('error', message, context ?? stackOrContext);
  }
  warn(message: unknown, context?: string): void {
    this.emit('warn', message, context);
  }
  debug(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }
  verbose(message: unknown, context?: string): void {
    this.emit('debug', message, context);
  }

  event(level: LogLevel, msg: string, fields: LogFields = {}): void {
    if (RANK[level] > RANK[this.level]) return;
    const correlationId = currentCorrelationId();
    this.write(JSON.stringify({ time: new Date().toISOString(), level, msg, ...(correlationId ? { correlationId } : {}), ...fields }));
  }

  private emit(level: LogLevel, message: unknown, context?: string): void {
    const msg = message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message);
    this.event(level, msg, context ? { context } : {});
  }
}
