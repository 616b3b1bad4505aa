import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { ORG_ID } from '@rung/contracts';
import { DISCLOSURE_MODES, type DisclosureMode, type ErrorDetail } from '@rung/domain';
import { ROLES, type Role } from '@rung/platform';

export const DISCLOSURES = DISCLOSURE_MODES;
export type Disclosure = DisclosureMode;

/** What is kept of a key: never the secret, only its SHA-256. */
export interface StoredKey {
  id: string;
  name: string;
  roles: Role[];
  /** Organisations the key may touch; ['*'] for all. */
  orgIds: string[];
  /** For research keys: how their answers are protected (§7.1). Null for other roles. */
  disclosure: Disclosure | null;
  secretHash: string;
  createdAt: string;
  createdBy: string | null;
  revokedAt: string | null;
}

/** A key as the admin API shows it. */
export type KeyView = Omit<StoredKey, 'secretHash'>;

export interface KeyRequest {
  name: string;
  roles: Role[];
  orgIds: string[];
  disclosure: Disclosure | null;
}

const TOKEN_PREFIX = 'rung_';
const SECRET_BYTES = 32;
const ID_HEX = 16;
const MAX_NAME = 100;
const MAX_ORGS = 200;

/** A new bearer token: 256 random bits, base64url, with a prefix that secret scanners can spot. */
export function newToken(): string {
  return `${TOKEN_PREFIX}${randomBytes(SECRET_BYTES).toString('base64url')}`;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * A key's id is the first 64 bits of its token's hash, so a presented token finds its record without
 * a lookup keyed by the secret; the full hashes are then compared in constant time.
 */
export function keyIdOf(hash: string): string {
  return `k_${hash.slice(0, ID_HEX)}`;
}

export function hashesMatch(presented: string, stored: string): boolean {
  const a = Buffer.from(presented, 'hex');
  const b = Buffer.from(stored, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

export function keyView({ secretHash: _secretHash, ...view }: StoredKey): KeyView {
  return view;
}

/** Checks a `POST /v1/admin/keys` body: `{ name, role | roles, orgIds, disclosure? }`. */
export function parseKeyRequest(raw: unknown): { ok: true; value: KeyRequest } | { ok: false; errors: ErrorDetail[] } {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return { ok: false, errors: [{ path: '', message: 'must be a JSON object' }] };
  const body = raw as Record<string, unknown>;
  const errors: ErrorDetail[] = [];
  const unknown = Object.keys(body).filter((k) => !['name', 'role', 'roles', 'orgIds', 'disclosure'].includes(k));
  unknown.forEach((k) => errors.push({ path: k, message: 'is not a field of a key' }));
  const name = typeof body.name === 'string' ? body.name.trim() : '';
  if (!name || name.length > MAX_NAME || hasControlCharacters(name)) errors.push({ path: 'name', message: `must be a label of 1 to ${MAX_NAME} characters` });
  const roles = rolesOf(body, errors);
  const orgIds = orgIdsOf(body.orgIds, errors);
  const disclosure = disclosureOf(body.disclosure, roles, errors);
  return errors.length ? { ok: false, errors } : { ok: true, value: { name, roles, orgIds, disclosure } };
}

function rolesOf(body: Record<string, unknown>, errors: ErrorDetail[]): Role[] {
  const given = body.roles ?? (body.role === undefined ? undefined : [body.role]);
  const path = body.roles === undefined ? 'role' : 'roles';
  if (!Array.isArray(given) || given.length === 0 || !given.every(isRole)) {
    errors.push({ path, message: `must name one or more of: ${ROLES.join(', ')}` });
    return [];
  }
  return [...new Set(given)].sort();
}

function orgIdsOf(value: unknown, errors: ErrorDetail[]): string[] {
  const ok = Array.isArray(value) && value.length > 0 && value.length <= MAX_ORGS
    && value.every((o) => typeof o === 'string' && (o === '*' || ORG_ID.test(o)));
  if (!ok) {
    errors.push({ path: 'orgIds', message: `must list 1 to ${MAX_ORGS} organisation ids (lower-case slugs), or ["*"] for every organisation` });
    return [];
  }
  return (value as string[]).includes('*') ? ['*'] : [...new Set(value as string[])].sort();
}

function disclosureOf(value: unknown, roles: Role[], errors: ErrorDetail[]): Disclosure | null {
  if (value !== undefined && !roles.includes('research')) {
    errors.push({ path: 'disclosure', message: 'applies to research keys only' });
    return null;
  }
  if (!roles.includes('research')) return null;
  if (value === undefined) return 'protected';
  if ((DISCLOSURES as readonly unknown[]).includes(value)) return value as Disclosure;
  errors.push({ path: 'disclosure', message: `must be one of: ${DISCLOSURES.join(', ')}` });
  return null;
}

function hasControlCharacters(text: string): boolean {
  return [...text].some((c) => c.charCodeAt(0) < 0x20);
}

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}
