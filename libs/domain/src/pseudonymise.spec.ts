import { keyedPseudonyms, pseudonymiseReference, pseudonymiseSubject } from './pseudonymise';

const KEY = Buffer.alloc(32, 7);

describe('pseudonyms', () => {
  it('gives a reference the same keyed pseudonym every time, and none of what was sent', () => {
    const once = pseudonymiseReference(KEY, 'rx1-trust', 'applicationId', 'A-1001');
    expect(once).toMatch(/^[0-9a-f]{64}$/);
    expect(pseudonymiseReference(KEY, 'rx1-trust', 'applicationId', 'A-1001')).toBe(once);
    expect(once).not.toContain('1001');
  });

  it('keeps apart the same reference under another key, organisation or field, and a subject with that reference', () => {
    const once = pseudonymiseReference(KEY, 'rx1-trust', 'applicationId', 'A1');
    expect(new Set([
      once,
      pseudonymiseReference(Buffer.alloc(32, 8), 'rx1-trust', 'applicationId', 'A1'),
      pseudonymiseReference(KEY, 'rx2-trust', 'applicationId', 'A1'),
      pseudonymiseReference(KEY, 'rx1-trust', 'vacancyRef', 'A1'),
      pseudonymiseSubject(KEY, 'rx1-trust', 'A1'),
    ]).size).toBe(5);
  });

  it('keyedPseudonyms binds both to one key', () => {
    const pseudonyms = keyedPseudonyms(KEY);
    expect(pseudonyms.subject('rx1-trust', 'E1')).toBe(pseudonymiseSubject(KEY, 'rx1-trust', 'E1'));
    expect(pseudonyms.reference('rx1-trust', 'vacancyRef', 'V1')).toBe(pseudonymiseReference(KEY, 'rx1-trust', 'vacancyRef', 'V1'));
  });
});
