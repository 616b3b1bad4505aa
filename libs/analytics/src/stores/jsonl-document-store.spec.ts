import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonlDocumentStore } from './jsonl-document-store';

describe('JSON-lines document store', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rung-docs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('given documents inserted, when opened again, then they are all there, and a second insert of an id is refused', async () => {
    const file = join(dir, 'a', 'docs.jsonl');
    const store = JsonlDocumentStore.open<{ n: number }>(file);
    expect(await store.insert('x', { n: 1 })).toBe(true);
    expect(await store.insert('y', { n: 2 })).toBe(true);
    expect(await store.insert('x', { n: 3 })).toBe(false);

    const reopened = JsonlDocumentStore.open<{ n: number }>(file);
    expect(await reopened.list()).toEqual([{ n: 1 }, { n: 2 }]);
    expect(await reopened.get('x')).toEqual({ n: 1 });
  });

  it('given a torn last line, then the documents before it are read', async () => {
    const file = join(dir, 'torn.jsonl');
    const store = JsonlDocumentStore.open<{ n: number }>(file);
    await store.insert('x', { n: 1 });
    appendFileSync(file, '{"id":"y","doc":{"n"');
    expect(await JsonlDocumentStore.open(file).list()).toEqual([{ n: 1 }]);
  });
});
