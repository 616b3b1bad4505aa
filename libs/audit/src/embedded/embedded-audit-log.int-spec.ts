import { appendFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAll } from '../contract/audit-log.contract';
import { sampleRecord, sampleRecords } from '../contract/sample-records';
import { AuditFile } from './audit-file';
import { EmbeddedAuditLog } from './embedded-audit-log';

describe('EmbeddedAuditLog', () => {
  let dataDir: string;
  let path: string;
  let log: EmbeddedAuditLog;
  const open = () => EmbeddedAuditLog.open({ dataDir });
  const lines = () => readFileSync(path, 'utf8').split('\n').slice(0, -1);
  const rewrite = (edited: string[]) => writeFileSync(path, edited.map((l) => `${l}\n`).join(''));
  const problems = async () => (await log.verify()).problems.map((p) => [p.kind, p.seq]);

  beforeEach(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'rung-audit-'));
    path = join(dataDir, 'audit', 'audit.log');
    log = await open();
  });
  afterEach(async () => {
    await log.close();
    rmSync(dataDir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('keeps one JSON entry a line in <dataDir>/audit/audit.log, readable by its owner only', async () => {
    await log.append(sampleRecords(2));
    expect(lines().map((l) => JSON.parse(l).seq)).toEqual([1, 2]);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(dataDir, 'audit')).mode & 0o777).toBe(0o700);
  });

  it('commits concurrent appends together: far fewer writes than appends', async () => {
    const writes = jest.spyOn(AuditFile.prototype, 'append');
    await Promise.all(sampleRecords(200).map((r) => log.append([r])));
    expect(lines()).toHaveLength(200);
    expect(writes.mock.calls.length).toBeLessThan(20);
  });

  it('cuts off an unfinished last line at open, keeps it in torn/, and continues the chain from the last whole entry', async () => {
    await log.append(sampleRecords(3));
    await log.close();
    appendFileSync(path, '{"seq":4,"at":"2026-02');
    log = await open();
    expect(log.cutBytes).toBe(22);
    expect(readdirSync(join(dataDir, 'audit', 'torn'))).toEqual([`audit-at-${statSync(path).size}.bin`]);
    await log.append([sampleRecord(3)]);
    expect((await readAll(log)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect((await log.verify()).ok).toBe(true);
  });

  it('refuses to open when its last whole line cannot be read, rather than start a second chain', async () => {
    await log.append(sampleRecords(2));
    await log.close();
    appendFileSync(path, 'not an entry\n');
    await expect(open()).rejects.toMatchObject({ code: 'journal-corrupt' });
  });

  it('reports two neighbouring lines swapped as reordered, and nothing else', async () => {
    await log.append(sampleRecords(5));
    const [a, b, c, d, e] = lines();
    rewrite([a, c, b, d, e]);
    expect((await log.verify()).problems).toEqual([{ seq: 2, kind: 'reordered', detail: 'entry 2 is stored after entry 3' }]);
  });

  it('reports a line that is no longer JSON as unreadable at the seq it still shows, and pages past it', async () => {
    await log.append(sampleRecords(4));
    const edited = lines();
    edited[1] = edited[1].replace('"action":"', '"action":');
    rewrite(edited);
    expect(await problems()).toEqual([['unreadable', 2]]);
    expect((await readAll(log)).map((e) => e.seq)).toEqual([1, 3, 4]);
  });

  it('reports the newest entries cut off while it runs, which the chain alone could not show', async () => {
    await log.append(sampleRecords(4));
    truncateSync(path, lines().slice(0, 2).join('\n').length + 1);
    expect((await log.verify()).problems).toEqual([
      { seq: 3, kind: 'removed', detail: 'entries 3 to 4 are no longer stored, though this process wrote up to entry 4' },
    ]);
  });

  it('reads bytes added to the file behind its back', async () => {
    await log.append(sampleRecords(2));
    appendFileSync(path, 'garbage');
    expect(await problems()).toEqual([['unreadable', null]]);
  });

  it('refuses a cursor whose offset is not the start of a line', async () => {
    await log.append(sampleRecords(3));
    const { next } = await log.page({}, null, 1);
    const [seq, offset] = JSON.parse(Buffer.from(next ?? '', 'base64url').toString()) as number[];
    const shifted = Buffer.from(JSON.stringify([seq, offset + 1])).toString('base64url');
    await expect(log.page({}, shifted, 1)).rejects.toMatchObject({ code: 'bad-request' });
    expect((await log.page({}, next, 5)).entries.map((e) => e.seq)).toEqual([2, 3]);
  });
});
