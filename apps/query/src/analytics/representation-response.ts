import type { Request, Response } from 'express';
import { answerDisclosureOf, commitAuditBeforeReply } from '@rung/access';
import type { Format, Representation } from '@rung/analytics';
import { etagMatches } from '@rung/platform';

/** CSV when `?format=csv`, or when no format is given and the Accept header prefers text/csv. */
export function negotiatedFormat(req: Request, format: unknown): Format {
  if (format === 'csv' || format === 'json') return format;
  return req.accepts(['application/json', 'text/csv']) === 'text/csv' ? 'csv' : 'json';
}

/**
 * Sends a materialised representation with ETag and Cache-Control; 304 when If-None-Match names it.
 * The request's audit entry is made durable first, as for every answer.
 */
export async function sendRepresentation(req: Request, res: Response, rep: Representation): Promise<void> {
  const notModified = etagMatches(req.headers['if-none-match'], rep.etag);
  await commitAuditBeforeReply(req, notModified ? 304 : 200);
  res.setHeader('ETag', rep.etag);
  res.setHeader('Cache-Control', rep.cacheControl);
  res.setHeader('Vary', 'Accept');
  const disclosure = answerDisclosureOf(req);
  if (disclosure) res.setHeader('Rung-Disclosure', disclosure);
  if (notModified) {
    res.status(304).end();
    return;
  }
  res.status(200);
  res.setHeader('Content-Type', rep.contentType);
  res.setHeader('Content-Length', rep.body.length);
  res.end(rep.body);
}
