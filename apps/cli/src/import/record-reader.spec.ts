import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readRecords, type RawRecord } from './record-reader';

async function all(file: string, quoted: boolean, from = { offset: 0, line: 1 }): Promise<RawRecord[]> {
  const records: RawRecord[] = [];
  for await (const r of readRecords(file, from, quoted)) records.push(r);
  return records;
}

describe('readRecords', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rung-reader-'));

  it('reads lines with their line numbers and the byte offset after each, across CRLF and multi-byte text', async () => {
    const file = join(dir, 'a.ndjson');
    writeFileSync(file, '{"a":"é"}\r\n\n{"b":2}\n{"c":3}');
    const records = await all(file, false);
    expect(records.map((r) => [r.text, r.line, r.end, r.nextLine])).toEqual([
      ['{"a":"é"}', 1, 12, 2], ['', 2, 13, 3], ['{"b":2}', 3, 21, 4], ['{"c":3}', 4, 28, 4],
    ]);
    const resumed = await all(file, false, { offset: 13, line: 3 });
    expect(resumed.map((r) => r.text)).toEqual(['{"b":2}', '{"c":3}']);
  });

  it('keeps a line break inside a quoted CSV field in its record', async () => {
    const file = join(dir, 'a.csv');
    writeFileSync(file, 'h1,h2\n"two\nlines",x\nlast,"q ""z"""\n');
    const records = await all(file, true);
    expect(records.map((r) => [r.text, r.line, r.nextLine])).toEqual([['h1,h2', 1, 2], ['"two\nlines",x', 2, 4], ['last,"q ""z"""', 4, 5]]);
  });

  it('reads records that span its 1 MiB chunks', async () => {
    const file = join(dir, 'big.ndjson');
    const line = `{"pad":"${'x'.repeat(700)}"}`;
    writeFileSync(file, `${Array.from({ length: 3000 }, () => line).join('\n')}\n`);
    const records = await all(file, false);
    expect(records).toHaveLength(3000);
    expect(records.every((r) => r.text === line)).toBe(true);
    expect(records.at(-1)!.end).toBe(3000 * (line.length + 1));
  });
});
