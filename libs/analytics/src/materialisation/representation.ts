import { createHash } from 'node:crypto';

/** A response body ready to send (encoded once, so a repeated read copies no text), with its entity tag. */
export interface Representation {
  etag: string;
  body: Buffer;
  contentType: string;
  cacheControl: string;
}

/** Live figures: any cache may keep them privately but must revalidate (cheap, with the ETag). */
export const LIVE_CACHE_CONTROL = 'private, no-cache';

export function entityTag(body: Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
}

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export function jsonRepresentation(value: unknown, cacheControl = LIVE_CACHE_CONTROL): Representation {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  return { etag: entityTag(body), body, contentType: JSON_CONTENT_TYPE, cacheControl };
}

export function csvRepresentation(text: string, cacheControl = LIVE_CACHE_CONTROL): Representation {
  const body = Buffer.from(text, 'utf8');
  return { etag: entityTag(body), body, contentType: 'text/csv; charset=utf-8', cacheControl };
}
