import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { EmbeddedEventStore } from '@rung/event-store';
import { rawEvent } from '@rung/testing';
import type { PseudonymisedEvent } from '@rung/contracts';
import { runCli } from '../cli';
import { migrateCommand } from './migrate-command';

async function run(argv: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await migrateCommand(argv, { stdout, stderr }, env);
  return { code, stdout: out.join(''), stderr: err.join('') };
}

function event(subjectId: string): PseudonymisedEvent {
  const { subjectRef: _ref, ...raw } = rawEvent('TrainingAccessed', { occurredAt: '2019-07-23' });
  return { ...raw, subjectId, data: { kind: 'plaintext-marker', outcome: 'granted' } } as PseudonymisedEvent;
}

describe('rung migrate encrypt', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rung-cli-migrate-'));
    env = { DATA_KEY_SECRET: 'ab'.repeat(32), PSEUDONYM_SECRET: 'cd'.repeat(32), DATA_DIR: join(dir, 'not-this-one') };
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('seals a plaintext embedded store named by --data-dir, and seals nothing the second time', async () => {
    const store = await EmbeddedEventStore.open({ dataDir: dir, now: () => new Date() });
    await store.append([{ streamId: 's1', events: [event('s1'), event('s1')] }, { streamId: 's2', events: [event('s2')] }]);
    await store.close();

    const first = await run(['encrypt', '--data-dir', dir], env);
    expect(first).toMatchObject({ code: 0 });
    expect(first.stderr).toContain(`the embedded store in ${dir}, with the master key from DATA_KEY_SECRET`);
    expect(first.stdout).toContain('Sealed 3 events of 2 subjects; 0 were already sealed.');
    expect(first.stdout).toContain('Warning: backups and snapshots taken before this migration still hold these events in plaintext');
    expect(readFileSync(join(dir, 'journal.log'), 'utf8')).not.toContain('plaintext-marker');

    const second = await run(['encrypt', '--data-dir', dir], env);
    expect(second.stdout).toContain('Sealed 0 events of 0 subjects; 3 were already sealed.');
    expect(second.stdout).not.toContain('Warning');
  });

  it('needs the migration named, and MONGO_URL for the mongo store', async () => {
    const [stdout, stderr] = [new PassThrough(), new PassThrough()];
    expect(await runCli(['migrate'], { stdout, stderr })).toBe(2);
    await expect(run(['encrypt', '--store', 'mongo'], env)).rejects.toThrow('MONGO_URL');
  });
});
