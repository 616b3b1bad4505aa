import { DomainError } from '@rung/domain';
import { decodeCursor, encodeCursor, entryFilter } from './page';

describe('audit page cursors', () => {
  it('given a position, then its cursor is short, URL-safe, and reads back as the same position', () => {
    for (const position of [{ seq: 42 }, { seq: 42, offset: 123456789 }]) {
      const cursor = encodeCursor(position);
      expect(cursor).toMatch(/^[A-Za-z0-9_-]{1,40}$/);
      expect(decodeCursor(cursor)).toEqual(position);
    }
    expect(decodeCursor(null)).toBeNull();
  });

  it('given a cursor this log did not give, then it is a bad request', () => {
    for (const cursor of ['', 'abc', Buffer.from('{"seq":1}').toString('base64url'), Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('[1.5]').toString('base64url')]) {
      expect(() => decodeCursor(cursor)).toThrow(DomainError);
    }
  });
});

describe('audit filters', () => {
  it('given dates, date-times with and without a zone, then each becomes the canonical UTC instant', () => {
    expect(entryFilter({ from: '2026-02-01', to: '2026-02-01T10:00' })).toEqual({ from: '2026-02-01T00:00:00.000Z', to: '2026-02-01T10:00:00.000Z' });
    expect(entryFilter({ from: '2026-02-01T10:00:00+02:00', keyId: 'k_1', action: 'keys.list' })).toEqual({ from: '2026-02-01T08:00:00.000Z', keyId: 'k_1', action: 'keys.list' });
  });

  it('given fields left undefined, then they do not filter', () => {
    expect(entryFilter({ from: undefined, to: undefined, keyId: undefined, action: undefined })).toEqual({});
  });
});
