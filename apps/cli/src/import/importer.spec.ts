import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
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

/** Answers every batch as stored, the first one only after a while, and notes how many were answered when each arrived. */
async function startSlowFirstAnswer(): Promise<{ url: string; answeredBefore: number[]; close(): Promise<void> }> {
  let answered = 0;
  const answeredBefore: number[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      const events = (JSON.parse(body) as { events: Array<{ eventId: string }> }).events;
      const first = answeredBefore.push(answered) === 1;
      setTimeout(() => {
        answered += 1;
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ results: events.map((e) => ({ eventId: e.eventId, status: 'stored' })) }));
      }, first ? 200 : 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, answeredBefore, close: () => new Promise((resolve) => server.close(() => resolve())) };
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

  describe('a retraction and its target', () => {
    const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const training = (n: number): string => JSON.stringify({ eventId: id(n), type: 'TrainingAccessed', subjectRef: 'E1' });
    const retraction = (n: number, target: number): string =>
      JSON.stringify({ eventId: id(n), type: 'EventRetracted', subjectRef: 'E1', data: { retractedEventId: id(target), reason: 'keyed-in-error' } });

    it.each([
      ['sends a batch retracting an event of a batch still unanswered only once that batch is answered', retraction(4, 1), 1],
      ['keeps sending batches concurrently when a retraction’s target is in its own batch', retraction(4, 3), 0],
      ['keeps sending batches concurrently when there is no retraction', training(4), 0],
    ] as const)('%s', async (_title, fourth, answeredBeforeSecond) => {
      const slow = await startSlowFirstAnswer();
      try {
        const file = join(dir, 'retractions.ndjson');
        writeFileSync(file, [training(1), training(2), training(3), fourth].join('\n'));
        const summary = await importFile(options(file, slow.url, { batchSize: 2, concurrency: 2 }));
        expect(summary).toMatchObject({ records: 4, accepted: 4 });
        expect(slow.answeredBefore).toEqual([0, answeredBeforeSecond]);
      } finally {
        await slow.close();
      }
    });
  });
});
