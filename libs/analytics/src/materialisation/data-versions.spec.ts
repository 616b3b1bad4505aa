import { DataVersions } from './data-versions';
import { ViewCache } from './view-cache';

describe('data versions', () => {
  it('given an append, then only the organisations it touched move, and the key names each version', () => {
    const v = new DataVersions();
    const before = v.keyFor(['org-b', 'org-a']);
    expect(v.recorded([{ streamId: 's1', orgId: 'org-a', version: 2 }])).toEqual(['org-a']);
    expect(v.versionOf('org-a')).toBe(1);
    expect(v.versionOf('org-b')).toBe(0);
    expect(v.keyFor(['org-b', 'org-a'])).not.toBe(before);
    expect(v.keyFor(['org-b'])).toBe(new DataVersions().keyFor(['org-b']));
  });

  it('given a stream pending, then it stays pending until settled at its latest appended version', () => {
    const v = new DataVersions();
    v.recorded([{ streamId: 's1', orgId: 'org-a', version: 2 }]);
    v.recorded([{ streamId: 's1', orgId: 'org-a', version: 3 }]);
    v.settled('s1', 2);
    expect(v.pendingFor(['org-a'])).toEqual([{ streamId: 's1', orgId: 'org-a', version: 3 }]);
    v.settled('s1', 3);
    expect(v.pendingFor(['org-a'])).toEqual([]);
    expect(v.pendingCount()).toBe(0);
  });
});

describe('view cache', () => {
  it('given views of two organisations, when one is invalidated, then only its views go', () => {
    const cache = new ViewCache<number>();
    cache.set('a1', 1, ['org-a']);
    cache.set('ab', 2, ['org-a', 'org-b']);
    cache.set('b1', 3, ['org-b']);
    expect(cache.invalidateOrg('org-a')).toBe(2);
    expect([cache.get('a1'), cache.get('ab'), cache.get('b1')]).toEqual([undefined, undefined, 3]);
  });

  it('given more views than it holds, then the least recently read goes first', () => {
    const cache = new ViewCache<number>(2);
    cache.set('x', 1, ['o']);
    cache.set('y', 2, ['o']);
    cache.get('x');
    cache.set('z', 3, ['o']);
    expect([cache.get('x'), cache.get('y'), cache.get('z')]).toEqual([1, undefined, 3]);
  });
});
