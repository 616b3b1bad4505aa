/**
 * Whether an If-None-Match header names the entity tag, by the weak comparison a GET uses
 * (RFC 9110 §13.1.2): `W/` is ignored on both sides.
 */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const opaque = stripWeak(etag);
  return header.split(',').some((tag) => stripWeak(tag.trim()) === opaque);
}

function stripWeak(tag: string): string {
  return tag.replace(/^W\//, '');
}
