import { bearerToken } from './bearer-token';

describe('bearer token', () => {
  it.each([
    ['Bearer rung_abcdefghijklmnopqrstuvwxyz0123456789', 'rung_abcdefghijklmnopqrstuvwxyz0123456789'],
    ['  Bearer 3f1c29e5b7d4e6f8091a2b3c4d5e6f70  ', '3f1c29e5b7d4e6f8091a2b3c4d5e6f70'],
  ])('given %j, then the token is read', (header, token) => {
    expect(bearerToken(header)).toBe(token);
  });

  it.each([undefined, '', 'Bearer', 'Bearer short', 'Basic dXNlcjpwYXNzd29yZA==', 'bearer rung_abcdefghijklmnopqrstuvwxyz', 'Bearer two words here'])(
    'given %j, then there is no token',
    (header) => {
      expect(bearerToken(header)).toBeUndefined();
    },
  );
});
