import { allInScope, inScope, scopeOf } from './org-scope';

describe('organisation scope', () => {
  it('given listed organisations, then only those are in scope', () => {
    const scope = scopeOf(['rx1-trust', 'leeds-council']);
    expect(inScope(scope, 'rx1-trust')).toBe(true);
    expect(inScope(scope, 'other-trust')).toBe(false);
    expect(allInScope(scope, ['rx1-trust', 'leeds-council'])).toBe(true);
    expect(allInScope(scope, ['rx1-trust', 'other-trust'])).toBe(false);
  });

  it("given '*', then every organisation is in scope", () => {
    const scope = scopeOf(['*']);
    expect(inScope(scope, 'anything')).toBe(true);
    expect(allInScope(scope, ['a', 'b'])).toBe(true);
  });

  it('given no organisations, then nothing is in scope, and an empty list is trivially all in scope', () => {
    const scope = scopeOf([]);
    expect(inScope(scope, 'rx1-trust')).toBe(false);
    expect(allInScope(scope, [])).toBe(true);
  });
});
