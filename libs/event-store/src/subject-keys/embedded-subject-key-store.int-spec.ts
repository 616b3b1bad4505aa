import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open as openFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmbeddedSubjectKeyStore } from './embedded-subject-key-store';

const line = (streamId: string): string => `${JSON.stringify({ streamId, wrapped: `v1.${streamId}` })}\n`;
const keysOf = (...streamIds: string[]): Map<string, string> => new Map(streamIds.map((id) => [id, `v1.${id}`]));

describe('EmbeddedSubjectKeyStore files', () => {
  let dataDir: string;
  let keyFile: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rung-subject-keys-'));
    keyFile = join(dataDir, 'keys', 'subject-keys.jsonl');
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its files private, and writes concurrent puts with fewer fsyncs than puts', async () => {
    const store = await EmbeddedSubjectKeyStore.open(dataDir);
    const probe = await openFile(join(dataDir, 'probe'), 'w');
    const datasync = jest.spyOn(Object.getPrototypeOf(probe) as { datasync(): Promise<void> }, 'datasync');
    await probe.close();
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.putIfAbsent(keysOf(`s${i}`))));
    expect(datasync.mock.calls.length).toBeGreaterThan(0);
    expect(datasync.mock.calls.length).toBeLessThan(10);
    datasync.mockRestore();
    await store.close();
    expect(readFileSync(keyFile, 'utf8').split('\n')).toHaveLength(51);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'keys')).mode & 0o777).toBe(0o700);
  });

  it('cuts off a torn last line, which was never acknowledged, so that the next key is not lost with it', async () => {
    const store = await EmbeddedSubjectKeyStore.open(dataDir);
    await store.putIfAbsent(keysOf('s1'));
    await store.close();
    appendFileSync(keyFile, '{"streamId":"s2","wra');
    const reopened = await EmbeddedSubjectKeyStore.open(dataDir);
    await reopened.putIfAbsent(keysOf('s3'));
    await reopened.close();
    const again = await EmbeddedSubjectKeyStore.open(dataDir);
    expect(await again.getWrapped(['s1', 's2', 's3'])).toEqual(keysOf('s1', 's3'));
    await again.close();
  });

  it('finishes a destruction interrupted after the old file began to be zeroed, from the complete new file', async () => {
    const store = await EmbeddedSubjectKeyStore.open(dataDir);
    await store.putIfAbsent(keysOf('s1', 's2'));
    await store.close();
    writeFileSync(`${keyFile}.replacing`, line('s2'));
    const size = statSync(keyFile).size;
    writeFileSync(keyFile, Buffer.concat([Buffer.alloc(10), readFileSync(keyFile).subarray(10, size)]));
    const reopened = await EmbeddedSubjectKeyStore.open(dataDir);
    expect(await reopened.getWrapped(['s1', 's2'])).toEqual(keysOf('s2'));
    expect(existsSync(`${keyFile}.replacing`)).toBe(false);
    expect(readFileSync(keyFile, 'utf8')).toBe(line('s2'));
    await reopened.close();
  });

  it('drops the new file of a destruction interrupted before zeroing began: the old file is intact, and is destroyed again', async () => {
    const store = await EmbeddedSubjectKeyStore.open(dataDir);
    await store.putIfAbsent(keysOf('s1', 's2'));
    await store.close();
    writeFileSync(`${keyFile}.replacing`, '{"streamId":"s2","wr');
    const reopened = await EmbeddedSubjectKeyStore.open(dataDir);
    expect(await reopened.getWrapped(['s1', 's2'])).toEqual(keysOf('s1', 's2'));
    expect(existsSync(`${keyFile}.replacing`)).toBe(false);
    await reopened.destroyKeys(['s1']);
    expect(readFileSync(keyFile, 'utf8')).toBe(line('s2'));
    await reopened.close();
  });
});
