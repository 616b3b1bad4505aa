import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeRung, type FakeRung } from '@rung/testing';
import { readCheckpoint } from './checkpoint';
import { ImportFailed, importFile, type ImportOptions } from './importer';

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

describe('importFile: CSV dialects, resuming, failures and ignored columns', () => {
  let dir: string;
  let fake: FakeRung;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-import-'));
    fake = await startFakeRung();
  });
  afterEach(() => fake.close());

  const header = ['type', 'orgId', 'subjectRef', 'occurredAt', 'source', 'data.reason'];
  const row = (i: number, reason = 'other'): string[] => ['EmployeeLeft', 'o', `E${i}`, '2024-01-01', 'esr', reason];

  it.each([
    ['semicolons, CRLF and a BOM', '\uFEFF', ';', '\r\n'],
    ['tabs', '', '\t', '\n'],
    ['commas after a sep=; line from Excel', 'sep=,\r\n', ',', '\r\n'],
    ['semicolons named by sep=; with a BOM', '\uFEFFsep=;\n', ';', '\n'],
  ])('reads %s, with quoted delimiters and line breaks, reporting the file’s line numbers', async (_title, prefix, d, eol) => {
    const file = join(dir, 'export.csv');
    const extraLine = prefix.startsWith('\uFEFFsep') || prefix.startsWith('sep') ? 1 : 0;
    const rows = [
      header.join(d),
      row(1).join(d),
      [...row(2).slice(0, 5), `"quit${d} moved\nabroad"`].join(d),
      row(3).slice(0, 5).join(d),
      row(4).join(d),
    ];
    writeFileSync(file, `${prefix}${rows.join(eol)}${eol}`);
    const summary = await importFile(options(file, fake.url, { format: 'csv' }));
    expect(summary).toMatchObject({ records: 4, accepted: 3, rejected: 1 });
    expect(fake.batches.flat().map((e) => (e as { data: { reason: string } }).data.reason)).toEqual(['other', `quit${d} moved\nabroad`, 'other']);
    expect(rejectedLines(file)).toEqual([{ line: 5 + extraLine, errors: [{ path: '', message: 'the row has 5 fields; the header has 6' }], record: row(3).slice(0, 5).join(d) }]);
    expect(readCheckpoint(`${file}.checkpoint.json`)).toMatchObject({ complete: true, line: 7 + extraLine });
  });

  it('says where it resumes from, after the sep= line and the header', async () => {
    const file = join(dir, 'resume.csv');
    writeFileSync(file, `sep=;\n${header.join(';')}\n${Array.from({ length: 12 }, (_, i) => row(i + 1).join(';')).join('\n')}\n`);
    fake.failNext(200, 401);
    await expect(importFile(options(file, fake.url, { format: 'csv', batchSize: 5, concurrency: 1 }))).rejects.toThrow(/401/);
    expect(readCheckpoint(`${file}.checkpoint.json`)).toMatchObject({ line: 8, records: 5 });
    const said: string[] = [];
    const summary = await importFile(options(file, fake.url, { format: 'csv', batchSize: 5, concurrency: 1, console: { write: (t: string) => said.push(t) } }));
    expect(said.join('')).toContain(`rung import: resuming from line 8 (${file}.checkpoint.json)`);
    expect(summary).toMatchObject({ records: 12, accepted: 12, resumedFromLine: 8 });
    expect(fake.batches.flat().slice(5).map((e) => e.subjectRef)).toEqual(Array.from({ length: 7 }, (_, i) => `E${i + 6}`));
  });

  it('fails with a summary that holds the error when the server refuses connections', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const file = join(dir, 'down.csv');
    writeFileSync(file, `${header.join(',')}\n${row(1).join(',')}\n`);
    const failure = await importFile(options(file, url, { format: 'csv', retryForMs: 300 })).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ImportFailed);
    const { summary, message } = failure as ImportFailed;
    expect(message).toMatch(/giving up after/);
    expect(summary).toMatchObject({ file, records: 0, accepted: 0, resumedFromLine: null, alreadyComplete: false, error: message });
  });

  it('never copies an ignored column into the rejected-rows file', async () => {
    const file = join(dir, 'names.csv');
    const cols = ['Full Name', ...header.slice(0, 5), 'E-mail', 'data.reason'];
    writeFileSync(file, [
      cols.join(','),
      '"Smith, Jane",EmployeeLeft,o,E1,2024-01-01,esr,jane@example.org,other',
      'John Doe,Bad,o,E2,2024-01-01,esr,john@example.org,other',
      'Ann Lee,EmployeeLeft,o,E3,2024-01-01,esr,ann@example.org',
      '"Bob ""B"" Ray",EmployeeLeft,o,E4,2024-01-01,esr,"bob@example.org","say ""hi"", then, go"',
      'Eve Poe,EmployeeLeft,o,E5,2024-01-01,esr,eve@example.org,"unclosed',
    ].join('\n'));
    const said: string[] = [];
    const summary = await importFile(options(file, fake.url, { format: 'csv', console: { write: (t: string) => said.push(t) } }));
    expect(said.join('')).toContain("ignoring columns 'Full Name', 'E-mail' (not mapped)");
    expect(summary).toMatchObject({ records: 5, accepted: 2, rejected: 3 });
    const rejected = rejectedLines(file);
    expect(rejected.map((r) => [r.line, r.record])).toEqual([[3, ',Bad,o,E2,2024-01-01,esr,,other'], [4, null], [6, null]]);
    expect(readFileSync(`${file}.rejected.ndjson`, 'utf8')).not.toMatch(/Jane|John|Ann|Bob|Eve|example\.org/);
    expect(JSON.stringify(fake.batches)).not.toMatch(/Jane|Bob|example\.org/);
    expect((fake.batches.flat()[2] as { data: { reason: string } }).data.reason).toBe('say "hi", then, go');
  });
});
