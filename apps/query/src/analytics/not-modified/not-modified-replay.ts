import { Injectable } from '@nestjs/common';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { Request, Response } from 'express';
import { RepeatAccess, type Admission, type RateLimitHeaders } from '@rung/access';
import { AnalyticsReader, type Representation } from '@rung/analytics';
import { CORRELATION_HEADER, correlationIdOf, etagMatches, JsonLogger, reportFinished, RungMetrics, type RequestShortcut } from '@rung/platform';
import { sendRepresentation } from '../representation-response';

/** What a 304 answer was: the representation it named, its headers, and how it was admitted. */
interface Answered {
  rep: Representation;
  route: string;
  headers: OutgoingHttpHeaders;
  admission: Admission;
}

const MAX_ANSWERS = 10_000;
/** Headers that belong to one answer: each replay sends its own. */
const PER_ANSWER = new Set([CORRELATION_HEADER, 'x-ratelimit-limit', 'x-ratelimit-remaining', 'x-ratelimit-reset', 'date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/**
 * Dashboards poll the same trend again and again, and nearly every poll ends in a 304. Once the full
 * pipeline has answered a conditional GET with 304, the same request (same key, URL, Accept and
 * Origin) is answered again here, ahead of the framework, for as long as the view it named is still
 * current: the key is checked and counted against its rate limit, the same audit entry is made durable,
 * and the same headers are sent. Anything else goes through the framework.
 */
@Injectable()
export class NotModifiedReplay implements RequestShortcut {
  private readonly answered = new Map<string, Answered>();

  constructor(
    private readonly reader: AnalyticsReader,
    private readonly access: RepeatAccess,
    private readonly metrics: RungMetrics,
    private readonly logger: JsonLogger,
  ) {}

  /** Sends the representation as `sendRepresentation` does, and remembers a 304 so that its repeats can be replayed. */
  async send(req: Request, res: Response, rep: Representation): Promise<void> {
    await sendRepresentation(req, res, rep);
    if (res.statusCode === 304) this.remember(req, res, rep);
  }

  handle(req: IncomingMessage, res: ServerResponse, next: () => void): void {
    const found = this.answerFor(req);
    if (!found) return next();
    void this.replay(req, res, found.credential, found.answer, next);
  }

  private remember(req: Request, res: Response, rep: Representation): void {
    const credential = this.access.credentialOf(req.headers.authorization);
    const admission = this.access.admissionOf(req);
    if (!credential || !admission || !this.reader.isCurrent(rep)) return;
    const headers = Object.fromEntries(Object.entries(res.getHeaders()).filter(([name]) => !PER_ANSWER.has(name)));
    const route = (req.route as { path?: string } | undefined)?.path ?? 'unmatched';
    const key = answerKey(credential, req.originalUrl, req);
    this.answered.delete(key);
    this.answered.set(key, { rep, route, headers, admission });
    if (this.answered.size > MAX_ANSWERS) this.answered.delete(this.answered.keys().next().value as string);
  }

  private answerFor(req: IncomingMessage): { credential: string; answer: Answered } | null {
    const ifNoneMatch = req.headers['if-none-match'];
    if (req.method !== 'GET' || !ifNoneMatch || this.answered.size === 0) return null;
    const credential = this.access.credentialOf(req.headers.authorization);
    if (!credential) return null;
    const key = answerKey(credential, req.url ?? '', req);
    const answer = this.answered.get(key);
    if (!answer || !etagMatches(ifNoneMatch, answer.rep.etag)) return null;
    if (this.reader.isCurrent(answer.rep)) return { credential, answer };
    this.answered.delete(key);
    return null;
  }

  private async replay(req: IncomingMessage, res: ServerResponse, credential: string, answer: Answered, next: () => void): Promise<void> {
    const started = process.hrtime.bigint();
    const correlationId = correlationIdOf(req.headers[CORRELATION_HEADER]);
    let limits: RateLimitHeaders | null;
    try {
      limits = await this.access.readmit(credential, answer.admission);
      if (limits) await this.access.audit(answer.admission, 304, correlationId);
    } catch {
      // The framework answers whatever went wrong (an audit log that cannot write, say) as it would any request.
      limits = null;
    }
    if (!limits) return next();
    res.writeHead(304, { ...answer.headers, ...limits, [CORRELATION_HEADER]: correlationId }).end();
    this.metrics.notModifiedReplays.inc();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    reportFinished(this.logger, (r) => this.metrics.requestFinished(r), correlationId, { method: 'GET', route: answer.route, status: 304, seconds });
  }
}

function answerKey(credential: string, url: string, req: IncomingMessage): string {
  return `${credential} ${url} ${req.headers.accept ?? ''} ${req.headers.origin ?? ''}`;
}
