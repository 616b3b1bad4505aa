import { etagMatches } from './etag';

describe('If-None-Match by weak comparison', () => {
  it('given no header, then nothing matches', () => {
    expect(etagMatches(undefined, '"a"')).toBe(false);
    expect(etagMatches('', '"a"')).toBe(false);
  });

  it('given a list, then any tag in it matches, weak or strong on either side', () => {
    expect(etagMatches('"x", "a"', '"a"')).toBe(true);
    expect(etagMatches('W/"a"', '"a"')).toBe(true);
    expect(etagMatches('"a"', 'W/"a"')).toBe(true);
    expect(etagMatches(' W/"a" ', 'W/"a"')).toBe(true);
  });

  it('given other tags, then it does not match; given *, then anything does', () => {
    expect(etagMatches('"b", W/"c"', '"a"')).toBe(false);
    expect(etagMatches('"a-gz"', '"a"')).toBe(false);
    expect(etagMatches('*', '"a"')).toBe(true);
  });
});
