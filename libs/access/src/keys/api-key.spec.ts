import { hashesMatch, keyIdOf, newToken, parseKeyRequest, tokenHash } from './api-key';

describe('API keys', () => {
  it('given a new token, then it carries 256 random bits and a prefix, and two are never alike', () => {
    const a = newToken();
    expect(a).toMatch(/^rung_[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(a.slice(5), 'base64url')).toHaveLength(32);
    expect(newToken()).not.toBe(a);
  });

  it('given a token, then its id comes from its hash, and only the same token matches the stored hash', () => {
    const token = newToken();
    const hash = tokenHash(token);
    expect(keyIdOf(hash)).toMatch(/^k_[0-9a-f]{16}$/);
    expect(hash).not.toContain(token);
    expect(hashesMatch(tokenHash(token), hash)).toBe(true);
    expect(hashesMatch(tokenHash(`${token}x`), hash)).toBe(false);
    expect(hashesMatch('abcd', hash)).toBe(false);
  });

  it('given a research key request without a mode, then it is protected', () => {
    expect(parseKeyRequest({ name: ' Evaluators ', role: 'research', orgIds: ['rx1-trust', 'rx1-trust'] })).toEqual({
      ok: true, value: { name: 'Evaluators', roles: ['research'], orgIds: ['rx1-trust'], disclosure: 'protected' },
    });
  });

  it('given several roles, an exact research mode and "*", then they are kept', () => {
    expect(parseKeyRequest({ name: 'n', roles: ['research', 'admin'], orgIds: ['*', 'x'], disclosure: 'exact' })).toEqual({
      ok: true, value: { name: 'n', roles: ['admin', 'research'], orgIds: ['*'], disclosure: 'exact' },
    });
  });

  it.each([
    [{ name: 'n', role: 'dashboard', orgIds: ['a'], disclosure: 'exact' }, 'disclosure', 'applies to research keys only'],
    [{ name: 'n', role: 'root', orgIds: ['a'] }, 'role', 'must name one or more of: ingest, research, dashboard, admin, metrics'],
    [{ name: 'n', roles: [], orgIds: ['a'] }, 'roles', 'must name one or more of: ingest, research, dashboard, admin, metrics'],
    [{ name: 'n', role: 'ingest', orgIds: [] }, 'orgIds', expect.stringContaining('must list 1 to 200')],
    [{ name: 'n', role: 'ingest', orgIds: ['RX1 Trust'] }, 'orgIds', expect.stringContaining('lower-case slugs')],
    [{ name: '', role: 'ingest', orgIds: ['a'] }, 'name', 'must be a label of 1 to 100 characters'],
    [{ name: 'n', role: 'ingest', orgIds: ['a'], secret: 'mine' }, 'secret', 'is not a field of a key'],
    [{ name: 'n', role: 'research', orgIds: ['a'], disclosure: 'raw' }, 'disclosure', 'must be one of: protected, exact'],
  ])('given %j, then %s is refused', (body, path, message) => {
    expect(parseKeyRequest(body)).toEqual({ ok: false, errors: [{ path, message }] });
  });
});
