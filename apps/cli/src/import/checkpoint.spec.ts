import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { identify, readCheckpoint, sameFile, writeCheckpoint, type Checkpoint } from './checkpoint';
import { RejectedRowsFile } from './rejected-rows';

describe('checkpoints', () => {
  const dir = mkdtempSync(join(tmpdir(), 'rung-checkpoint-'));

  it('writes a checkpoint through a temporary file and reads it back; reads nothing when there is none', () => {
    const path = join(dir, 'in.ndjson.checkpoint.json');
    expect(readCheckpoint(path)).toBeUndefined();
    const checkpoint: Checkpoint = {
      version: 1, file: { size: 10, headSha256: 'ab' }, format: 'ndjson', offset: 5, line: 2, records: 1, accepted: 1, duplicates: 0, rejected: 0, rejectedBytes: 0, complete: false,
    };
    writeCheckpoint(path, checkpoint);
    expect(readCheckpoint(path)).toEqual(checkpoint);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('tells a file from another version of it by size and by the hash of its head', () => {
    const file = join(dir, 'data.csv');
    writeFileSync(file, 'a,b\n1,2\n');
    const first = identify(file);
    writeFileSync(file, 'a,b\n1,3\n');
    expect(sameFile(first, identify(file))).toBe(false);
    writeFileSync(file, 'a,b\n1,2\n');
    expect(sameFile(first, identify(file))).toBe(true);
  });

  it('cuts the rejected-rows file back to the checkpointed length, dropping rows of unacknowledged batches', () => {
    const path = join(dir, 'in.ndjson.rejected.ndjson');
    const rejects = new RejectedRowsFile(path, 0);
    rejects.append([{ line: 1, errors: [{ path: '', message: 'bad' }], record: 'x' }]);
    const kept = rejects.sync();
    rejects.append([{ line: 7, errors: [{ path: '', message: 'in flight' }], record: 'y' }]);
    rejects.close();
    const resumed = new RejectedRowsFile(path, kept);
    resumed.append([{ line: 9, errors: [{ path: '', message: 'later' }], record: 'z' }]);
    resumed.close();
    expect(readFileSync(path, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as { line: number }).line)).toEqual([1, 9]);
  });
});
