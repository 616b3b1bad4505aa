import { createCipheriv, createDecipheriv, randomBytes, randomFillSync } from 'node:crypto';

/**
 * Envelope encryption for crypto-shredding: each subject's events are sealed under a data key of their own,
 * and the data keys are wrapped by the master key. Both are AES-256-GCM with a random 96-bit IV and additional
 * authenticated data that binds the ciphertext to where it belongs (the streamId for a wrapped key;
 * `${streamId}\n${eventId}` for an event), encoded as `v1.<iv>.<ciphertext>.<tag>` in base64url.
 */
const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const IV_POOL_IVS = 4096;

export class EnvelopeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvelopeError';
  }
}

export function newDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

export function wrapKey(master: Buffer, dataKey: Buffer, streamId: string): string {
  if (dataKey.length !== KEY_BYTES) throw new EnvelopeError(`a data key must be ${KEY_BYTES} bytes (got ${dataKey.length})`);
  return encrypt(master, dataKey, streamId);
}

export function unwrapKey(master: Buffer, wrapped: string, streamId: string): Buffer {
  const key = decrypt(master, wrapped, streamId, `the data key of stream '${streamId}'`);
  if (key.length !== KEY_BYTES) throw new EnvelopeError(`the data key of stream '${streamId}' is not ${KEY_BYTES} bytes`);
  return key;
}

export function seal(dataKey: Buffer, plaintext: string, aad: string): string {
  return encrypt(dataKey, plaintext, aad);
}

export function open(dataKey: Buffer, sealed: string, aad: string): string {
  return decrypt(dataKey, sealed, aad, 'a sealed event').toString('utf8');
}

function encrypt(key: Buffer, plaintext: Buffer | string, aad: string): string {
  checkKey(key);
  const iv = nextIv();
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(aad, 'utf8'));
  const ciphertext = typeof plaintext === 'string' ? cipher.update(plaintext, 'utf8') : cipher.update(plaintext);
  cipher.final();
  return `${VERSION}.${iv.toString('base64url')}.${ciphertext.toString('base64url')}.${cipher.getAuthTag().toString('base64url')}`;
}

/** Any failure names what could not be opened and the likely causes, never the key or the contents. */
function decrypt(key: Buffer, sealed: string, aad: string, what: string): Buffer {
  checkKey(key);
  const [iv, ciphertext, tag] = parts(sealed, what);
  const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES }).setAAD(Buffer.from(aad, 'utf8')).setAuthTag(tag);
  const plaintext = decipher.update(ciphertext);
  try {
    decipher.final();
  } catch {
    throw new EnvelopeError(`${what} cannot be opened: the key or the authenticated data (stream, event) is wrong, or it was altered`);
  }
  return plaintext;
}

function parts(sealed: string, what: string): [Buffer, Buffer, Buffer] {
  const fields = sealed.split('.');
  if (fields.length !== 4 || fields[0] !== VERSION) throw new EnvelopeError(`${what} is not in the ${VERSION} envelope format`);
  const iv = strictBase64url(fields[1], what);
  const tag = strictBase64url(fields[3], what);
  if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) throw new EnvelopeError(`${what} is not in the ${VERSION} envelope format`);
  return [iv, strictBase64url(fields[2], what), tag];
}

/**
 * Buffer.from skips characters outside the alphabet and ignores a last character's spare bits, so several
 * strings decode to the same bytes; only the canonical encoding is accepted, so that any altered character fails.
 */
function strictBase64url(text: string, what: string): Buffer {
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.toString('base64url') !== text) throw new EnvelopeError(`${what} is not in the ${VERSION} envelope format`);
  return bytes;
}

function checkKey(key: Buffer): void {
  if (key.length !== KEY_BYTES) throw new EnvelopeError(`an AES-256 key must be ${KEY_BYTES} bytes (got ${key.length})`);
}

/**
 * IVs are cut from a pool filled from the CSPRNG, which is faster than one randomBytes call per seal. Each
 * IV is handed out once (GCM must never reuse one under a key), and a used-up pool is replaced, not refilled.
 */
let ivPool = Buffer.alloc(0);
let ivAt = 0;

function nextIv(): Buffer {
  if (ivAt === ivPool.length) {
    ivPool = randomFillSync(Buffer.allocUnsafe(IV_BYTES * IV_POOL_IVS));
    ivAt = 0;
  }
  ivAt += IV_BYTES;
  return ivPool.subarray(ivAt - IV_BYTES, ivAt);
}
