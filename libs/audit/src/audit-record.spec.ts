import { MAX_RECORD_BYTES, isAuditEntry, normaliseRecord } from './audit-record';
import { chainEntries } from './chain';
import { sampleRecord } from './contract/sample-records';

describe('normalising an audit record', () => {
  it('given an instant with an offset, then it is kept as the canonical UTC instant', () => {
    expect(normaliseRecord(sampleRecord(0, { at: '2026-06-01T09:30:00+01:00' })).at).toBe('2026-06-01T08:30:00.000Z');
  });

  it('given fields the record does not have, then they are not carried into the log', () => {
    const record = { ...sampleRecord(0), authorization: 'Bearer secret' };
    expect(Object.keys(normaliseRecord(record))).toEqual(Object.keys(sampleRecord(0)));
  });

  it('given a string cut in the middle of a surrogate pair, then the lone half becomes U+FFFD, as BSON would store it', () => {
    const clipped = 'café 😀'.slice(0, 6);
    expect(normaliseRecord(sampleRecord(0, { query: { q: clipped } })).query.q).toBe('café \uFFFD');
  });

  it('given a bad field, then it throws a TypeError that names it', () => {
    expect(() => normaliseRecord(sampleRecord(0, { at: '2026-02-01T12:00:00' }))).toThrow(/'at'/);
    expect(() => normaliseRecord(sampleRecord(0, { status: 200.5 }))).toThrow(/'status'/);
    expect(() => normaliseRecord(sampleRecord(0, { roles: ['admin', 7 as unknown as string] }))).toThrow(/'roles'/);
    expect(() => normaliseRecord(sampleRecord(0, { query: { n: 1 as unknown as string } }))).toThrow(/'query.n'/);
    expect(() => normaliseRecord(sampleRecord(0, { disclosure: 'raw' as 'exact' }))).toThrow(/'disclosure'/);
  });

  it('given a record larger than a line may be, then it is refused', () => {
    expect(() => normaliseRecord(sampleRecord(0, { query: { q: 'x'.repeat(MAX_RECORD_BYTES) } }))).toThrow(/larger than/);
  });
});

describe('recognising a stored entry', () => {
  it('given a chained entry, then it is one; given one with a field of the wrong type, then it is not', () => {
    const [entry] = chainEntries(null, [sampleRecord(0)]);
    expect(isAuditEntry(entry)).toBe(true);
    expect(isAuditEntry({ ...entry, status: '200' })).toBe(false);
    expect(isAuditEntry({ ...entry, query: [['a', 'b']] })).toBe(false);
    expect(isAuditEntry(null)).toBe(false);
  });
});
