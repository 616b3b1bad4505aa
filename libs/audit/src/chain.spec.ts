import { createHash } from 'node:crypto';
import type { AuditEntry } from './audit-log.port';
import { canonicalJson, chainEntries, entryHash, GENESIS_HASH, type ChainHead } from './chain';
import { MAX_PROBLEMS, verifyChain } from './chain-verifier';
import { sampleRecord, sampleRecords } from './contract/sample-records';
import type { StoredEntry } from './stored-entry';

const chainOf = (n: number): AuditEntry[] => chainEntries(null, sampleRecords(n));
/** The entry with its hash recomputed, as a forger who knows the scheme would leave it. */
const rehashed = (entry: AuditEntry): AuditEntry => ({ ...entry, hash: entryHash(entry) });
const problemsOf = (entries: StoredEntry[], anchor: ChainHead | null = null) => verifyChain(entries, anchor).problems.map((p) => [p.kind, p.seq]);

describe('canonical JSON', () => {
  it('given the same value with keys in other orders at any depth, then the text is the same, with undefined members left out', () => {
    const a = canonicalJson({ b: [2, { y: 1, x: null }], a: 'é', c: undefined });
    const b = canonicalJson({ a: 'é', b: [2, { x: null, y: 1 }] });
    expect(a).toBe('{"a":"é","b":[2,{"x":null,"y":1}]}');
    expect(b).toBe(a);
  });

  it('given a number JSON cannot hold, then it refuses rather than writing null', () => {
    expect(() => canonicalJson({ status: NaN })).toThrow(TypeError);
  });
});

describe('chaining entries', () => {
  it('given an empty log, then the first entry is seq 1, starts from 64 zeros, and hashes prevHash, a newline and its canonical JSON', () => {
    const [entry] = chainEntries(null, [sampleRecord(0, { query: { b: '2', a: '1' }, correlationId: undefined })]);
    const canonical = '{"action":"studies.report","at":"2026-02-01T12:00:00.000Z","disclosure":"protected","keyId":"k_00000000000000a1",'
      + '"method":"GET","orgIds":["rx1-trust"],"prevHash":"' + GENESIS_HASH + '","query":{"a":"1","b":"2"},"roles":["research"],'
      + '"route":"/v1/studies/:id/report","seq":1,"status":200}';
    expect(entry.seq).toBe(1);
    expect(entry.prevHash).toBe('0'.repeat(64));
    expect(entry.hash).toBe(createHash('sha256').update(`${GENESIS_HASH}\n${canonical}`).digest('hex'));
  });

  it('given a head, then new entries continue its seq and each links to the hash before it', () => {
    const [first, second] = chainOf(2);
    const [third, fourth] = chainEntries({ seq: second.seq, hash: second.hash }, sampleRecords(2, 2));
    expect([third.seq, fourth.seq]).toEqual([3, 4]);
    expect([second.prevHash, third.prevHash, fourth.prevHash]).toEqual([first.hash, second.hash, third.hash]);
  });
});

describe('verifying a chain', () => {
  it('given an intact chain, then it is ok, counts the entries and gives the last hash as the head', () => {
    const entries = chainOf(5);
    expect(verifyChain(entries)).toEqual({ ok: true, entries: 5, head: entries[4].hash, problems: [] });
    expect(verifyChain([])).toEqual({ ok: true, entries: 0, head: null, problems: [] });
  });

  it('given one entry whose content changed, then it alone is changed', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2], status: 500 };
    expect(problemsOf(entries)).toEqual([['changed', 3]]);
  });

  it('given one entry whose stored hash changed, then it alone is changed', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2], hash: `f${entries[2].hash.slice(1)}` };
    expect(problemsOf(entries)).toEqual([['changed', 3]]);
  });

  it('given a field added to an entry, then it is changed: every stored field is hashed', () => {
    const entries = chainOf(3);
    entries[1] = { ...entries[1], note: 'harmless' } as AuditEntry;
    expect(problemsOf(entries)).toEqual([['changed', 2]]);
  });

  it('given an entry rewritten with its hash recomputed, then its successor exposes it as changed', () => {
    const entries = chainOf(5);
    entries[2] = rehashed({ ...entries[2], status: 204 });
    const result = verifyChain(entries);
    expect(result.problems).toEqual([{ seq: 3, kind: 'changed', detail: 'entry 4 is chained to a different entry 3: entry 3 was rewritten and its hash recomputed' }]);
  });

  it('given a seq rewritten, then the entry is changed in its place and nothing is called missing', () => {
    const entries = chainOf(5);
    entries[2] = { ...entries[2], seq: 9 };
    expect(problemsOf(entries)).toEqual([['changed', 3]]);
  });

  it('given one entry removed, then it is removed at its seq', () => {
    const entries = chainOf(5);
    entries.splice(2, 1);
    expect(verifyChain(entries).problems).toEqual([{ seq: 3, kind: 'removed', detail: 'entry 3 is missing' }]);
  });

  it('given several entries removed together, or the first one, then each gap is one problem', () => {
    const entries = chainOf(8);
    entries.splice(4, 3);
    entries.splice(0, 1);
    expect(verifyChain(entries).problems).toEqual([
      { seq: 1, kind: 'removed', detail: 'entry 1 is missing' },
      { seq: 5, kind: 'removed', detail: 'entries 5 to 7 are missing' },
    ]);
  });

  it('given two neighbours swapped, then the earlier seq is reordered and nothing else', () => {
    const entries = chainOf(5);
    [entries[1], entries[2]] = [entries[2], entries[1]];
    expect(verifyChain(entries).problems).toEqual([{ seq: 2, kind: 'reordered', detail: 'entry 2 is stored after entry 3' }]);
  });

  it('given two distant entries swapped, then the entries between, and the moved one, are reordered', () => {
    const entries = chainOf(8);
    [entries[1], entries[5]] = [entries[5], entries[1]];
    expect(verifyChain(entries).problems.map((p) => [p.kind, p.seq, p.detail])).toEqual([
      ['reordered', 3, 'entries 3 to 5 are stored after entry 6'],
      ['reordered', 2, 'entry 2 is stored after entry 6'],
    ]);
  });

  it('given an entry stored twice, then the second copy is reported', () => {
    const entries = chainOf(4);
    entries.splice(3, 0, entries[1]);
    expect(verifyChain(entries).problems).toEqual([{ seq: 2, kind: 'changed', detail: 'a second entry with seq 2 is stored' }]);
  });

  it('given an unreadable entry, then it is unreadable, with or without a seq, and its neighbours are not blamed', () => {
    const entries = chainOf(5);
    const stored = [entries[0], { unreadable: true as const, seq: 2, detail: 'line 2 is not JSON' }, entries[2], { unreadable: true as const, seq: null, detail: 'line 4 is not JSON' }, entries[4]];
    expect(problemsOf(stored)).toEqual([['unreadable', 2], ['unreadable', null]]);
  });

  it('given a first entry that does not start from the genesis hash, then it is changed', () => {
    const [first] = chainOf(1);
    expect(problemsOf([rehashed({ ...first, prevHash: 'a'.repeat(64) })])).toEqual([['changed', 1]]);
  });

  it('given the newest entries cut off, then the chain alone cannot tell, but an anchor can', () => {
    const entries = chainOf(6);
    const anchor = { seq: 6, hash: entries[5].hash };
    expect(verifyChain(entries.slice(0, 4)).ok).toBe(true);
    expect(verifyChain(entries.slice(0, 4), anchor).problems).toEqual([
      { seq: 5, kind: 'removed', detail: 'entries 5 to 6 are no longer stored, though this process wrote up to entry 6' },
    ]);
  });

  it('given the whole tail rewritten and re-chained, then only an anchor exposes it', () => {
    const entries = chainOf(4);
    const forged = [...entries.slice(0, 2), ...chainEntries({ seq: 2, hash: entries[1].hash }, sampleRecords(2, 10))];
    expect(verifyChain(forged).ok).toBe(true);
    expect(problemsOf(forged, { seq: 4, hash: entries[3].hash })).toEqual([['changed', 4]]);
  });

  it('given more problems than it lists, then it lists the first ones and is still not ok', () => {
    const entries = chainOf(MAX_PROBLEMS + 5).map((e) => ({ ...e, status: 0 }));
    const result = verifyChain(entries);
    expect(result.ok).toBe(false);
    expect(result.problems).toHaveLength(MAX_PROBLEMS);
    expect(result.problems[0]).toEqual({ seq: 1, kind: 'changed', detail: 'entry 1 does not match its hash' });
  });
});
