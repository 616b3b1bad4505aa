import { randomBytes } from 'node:crypto';
import { newDataKey, open, seal, unwrapKey, wrapKey } from './envelope';

const AAD = 's_1\ne_1';
const PAYLOAD = JSON.stringify({ type: 'promotion', grade: '6', note: 'naïve — ✓' });

/** Every string made by replacing one character of the encoding with another of the base64url alphabet (or '.'). */
function tamperings(sealed: string): string[] {
  const alphabet = 'AQgw_-9.';
  return [...sealed].flatMap((char, i) => alphabet.split('').filter((other) => other !== char).map((other) => sealed.slice(0, i) + other + sealed.slice(i + 1)));
}

describe('seal and open', () => {
  const key = newDataKey();

  it('round-trips a payload, in the v1 envelope format', () => {
    const sealed = seal(key, PAYLOAD, AAD);
    expect(sealed).toMatch(/^v1\.[\w-]{16}\.[\w-]+\.[\w-]{22}$/);
    expect(sealed).not.toContain('promotion');
    expect(open(key, sealed, AAD)).toBe(PAYLOAD);
    expect(open(key, seal(key, '', AAD), AAD)).toBe('');
  });

  it('uses a fresh IV each time, so the same plaintext seals differently', () => {
    const sealings = Array.from({ length: 1000 }, () => seal(key, PAYLOAD, AAD));
    expect(new Set(sealings.map((s) => s.split('.')[1])).size).toBe(1000);
    expect(new Set(sealings).size).toBe(1000);
  });

  it('refuses every altered character, a wrong aad and a wrong key, with a clear error', () => {
    const sealed = seal(key, 'short payload', AAD);
    for (const altered of tamperings(sealed)) expect(() => open(key, altered, AAD)).toThrow(/cannot be opened|envelope format/);
    expect(() => open(key, sealed, 's_1\ne_2')).toThrow('a sealed event cannot be opened: the key or the authenticated data (stream, event) is wrong, or it was altered');
    expect(() => open(key, sealed, 's_2\ne_1')).toThrow(/cannot be opened/);
    expect(() => open(newDataKey(), sealed, AAD)).toThrow(/cannot be opened/);
  });

  it('refuses truncated or extended envelopes and keys of the wrong size', () => {
    const sealed = seal(key, PAYLOAD, AAD);
    expect(() => open(key, sealed.slice(0, -1), AAD)).toThrow(/envelope format/);
    expect(() => open(key, `${sealed}A`, AAD)).toThrow(/envelope format/);
    expect(() => open(key, `${sealed}.x`, AAD)).toThrow(/envelope format/);
    expect(() => open(key, sealed.replace(/^v1/, 'v2'), AAD)).toThrow(/envelope format/);
    expect(() => seal(randomBytes(16), PAYLOAD, AAD)).toThrow('an AES-256 key must be 32 bytes (got 16)');
  });
});

describe('wrapKey and unwrapKey', () => {
  const master = randomBytes(32);
  const dataKey = newDataKey();

  it('round-trips a data key bound to its stream', () => {
    expect(dataKey).toHaveLength(32);
    expect(newDataKey()).not.toEqual(dataKey);
    const wrapped = wrapKey(master, dataKey, 's_1');
    expect(unwrapKey(master, wrapped, 's_1')).toEqual(dataKey);
    expect(wrapKey(master, dataKey, 's_1')).not.toBe(wrapped);
  });

  it('refuses the wrong master key, the wrong stream, or any altered character', () => {
    const wrapped = wrapKey(master, dataKey, 's_1');
    expect(() => unwrapKey(randomBytes(32), wrapped, 's_1')).toThrow("the data key of stream 's_1' cannot be opened: the key or the authenticated data (stream, event) is wrong, or it was altered");
    expect(() => unwrapKey(master, wrapped, 's_2')).toThrow(/cannot be opened/);
    for (const altered of tamperings(wrapped)) expect(() => unwrapKey(master, altered, 's_1')).toThrow(/cannot be opened|envelope format/);
  });

  it('wraps only 32-byte data keys', () => {
    expect(() => wrapKey(master, randomBytes(16), 's_1')).toThrow('a data key must be 32 bytes (got 16)');
  });
});
