import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeRung, type FakeRung } from '@rung/testing';
import { readCheckpoint } from './checkpoint';
import { importFile, type ImportOptions } from './importer';

const quiet = { write: () => true };
const options = (file: string, url: string, more: Partial<ImportOptions> = {}): ImportOptions => ({
  file, url, format: 'ndjson', batchSize: 1000, concurrency: 2, restart: false, retryForMs: 1000, console: quiet, ...more,
});
const rejectedLines = (file: string): Array<{ line: number; errors: Array<{ message: string }>; record: string }> =>
  readFileSync(`${file}.rejected.ndjson`, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as never);

function csvFile(dir: string, rows: number): string {
  const file = join(dir, `staff-${rows}.csv`);
  const lines = ['type,orgId,subjectRef,occurredAt,source,data.reason'];
  for (let i = 1; i <= rows; i += 1) lines.push(i % 7 === 0 ? `EmployeeLeft,o,E${i},2024-01-01,esr` : `EmployeeLeft,o,E${i},2024-01-01,esr,other`);
  writeFileSync(file, `${lines.join('\r\n')}\r\n`);
  return file;
}

describe('importFile', () => {
  let dir: string;
  let fake: FakeRung;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-import-'));
    fake = await startFakeRung();
  });
  afterEach(() => fake.close());

  it('imports NDJSON, writes rejected lines with their reasons beside the file, and marks the file done', async () => {
    const file = join(dir, 'events.ndjson');
    const ok = (i: number): string => JSON.stringify({ eventId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'EmployeeLeft' });
    writeFileSync(file, [ok(1), '{not json', ok(2), '', '[1,2]', JSON.stringify({ eventId: 'b', type: 'Bad' }), ok(3)].join('\n'));
    const summary = await importFile(options(file, fake.url, { batchSize: 2 }));
    expect(summary).toMatchObject({ records: 6, accepted: 3, duplicates: 0, rejected: 3, alreadyComplete: false, resumedFromLine: null });
    expect(rejectedLines(file).map((r) => [r.line, r.errors[0].message])).toEqual([
      [2, expect.stringMatching(/^not valid JSON/)], [5, 'a line must hold one JSON object: an event'], [6, 'must be one of: …'],
    ]);
    expect(readCheckpoint(`${file}.checkpoint.json`)).toMatchObject({ complete: true, line: 7 });
    const again = await importFile(options(file, fake.url));
    expect(again.alreadyComplete).toBe(true);
    expect(fake.batches).toHaveLength(2);
  });

  it('resumes after the last acknowledged batch: nothing acknowledged is sent again, and derived ids do not change', async () => {
    const file = csvFile(dir, 40);
    const reference = await startFakeRung();
    await importFile(options(file, reference.url, { format: 'csv', restart: true }));
    await reference.close();
    fake.failNext(200, 200, 200, 401);
    await expect(importFile(options(file, fake.url, { format: 'csv', batchSize: 5, concurrency: 1, restart: true }))).rejects.toThrow(/401/);
    const interrupted = readCheckpoint(`${file}.checkpoint.json`)!;
    expect(interrupted).toMatchObject({ complete: false, accepted: 15 });
    const sentBefore = fake.batches.flat().length;

    const summary = await importFile(options(file, fake.url, { format: 'csv', batchSize: 5, concurrency: 1 }));

    const resent = fake.batches.flat().slice(sentBefore).map((e) => e.subjectRef);
    expect(resent[0]).toBe(`E${interrupted.line - 1}`);
    expect(summary).toMatchObject({ records: 40, accepted: 35, duplicates: 0, rejected: 5, resumedFromLine: interrupted.line });
    expect([...fake.stored].sort()).toEqual([...reference.stored].sort());
    expect(rejectedLines(file).map((r) => r.line)).toEqual([8, 15, 22, 29, 36]);
    expect(rejectedLines(file)[0]).toMatchObject({ errors: [{ message: 'the row has 5 fields; the header has 6' }], record: 'EmployeeLeft,o,E7,2024-01-01,esr' });
  });

  it('refuses a checkpoint of another version of the file unless told to restart', async () => {
    const file = csvFile(dir, 3);
    await importFile(options(file, fake.url, { format: 'csv' }));
    writeFileSync(file, `${readFileSync(file, 'utf8')}EmployeeLeft,o,E99,2024-01-01,esr,other\n`);
    await expect(importFile(options(file, fake.url, { format: 'csv' }))).rejects.toThrow(/belongs to another version .* --restart/);
    const summary = await importFile(options(file, fake.url, { format: 'csv', restart: true }));
    expect(summary).toMatchObject({ records: 4, accepted: 1, duplicates: 3 });
    expect(existsSync(`${file}.rejected.ndjson`)).toBe(true);
  });
});
