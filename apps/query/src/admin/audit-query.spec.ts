import { parseAuditQuery } from './audit-query';

describe('the audit log query', () => {
  it('given no parameters, then the first 100 entries of everything are asked for', () => {
    expect(parseAuditQuery({})).toEqual({ filter: { from: undefined, to: undefined, keyId: undefined, action: undefined }, cursor: null, limit: 100 });
  });

  it('given filters, then a date `to` covers its whole day', () => {
    const q = parseAuditQuery({ from: '2026-01-01', to: '2026-01-31', keyId: 'k_0123456789abcdef', action: 'studies.report', limit: '10', cursor: 'abc' });
    expect(q).toEqual({ filter: { from: '2026-01-01', to: '2026-01-31T23:59:59.999Z', keyId: 'k_0123456789abcdef', action: 'studies.report' }, cursor: 'abc', limit: 10 });
  });

  it('given bad values and an unknown filter, then each is named', () => {
    expect(() => parseAuditQuery({ from: 'yesterday', limit: '0', keyId: 'admin', subjectRef: 'E1' })).toThrow(expect.objectContaining({
      code: 'validation-failed',
      details: expect.arrayContaining([
        { path: 'subjectRef', message: 'is not a filter of the audit log' },
        expect.objectContaining({ path: 'from' }), expect.objectContaining({ path: 'limit' }), expect.objectContaining({ path: 'keyId' }),
      ]),
    }));
  });
});
