import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Simulation } from '@rung/simulator';
import { bearer, startTestApp, type TestApp } from '@rung/testing';

const ROOT = join(__dirname, '..');
const BAD_LINES = new Map<number, string>([
  [1500, '{"eventId": "half a line'],
  [9000, JSON.stringify({ eventId: '6a0e3c1e-0000-4000-8000-000000000001', type: 'Promoted', schemaVersion: 1, orgId: 'sim-nhs-1', subjectRef: 'S1', occurredAt: '2021-01-01', source: 'esr', data: {} })],
  [21000, '[]'],
]);

interface Summary {
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  resumedFromLine: number | null;
}

function runImport(file: string, url: string, key: string): { child: ChildProcess; done: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [join(ROOT, 'bin', 'rung.js'), 'import', file, '--url', url, '--api-key', key, '--concurrency', '2'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return { child, done: new Promise((resolve) => child.on('exit', (code) => resolve({ code, stdout, stderr }))) };
}

async function killWhenPast(child: ChildProcess, checkpointFile: string, line: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    if (!existsSync(checkpointFile)) continue;
    const checkpoint = JSON.parse(readFileSync(checkpointFile, 'utf8')) as { line: number; complete: boolean };
    if (checkpoint.complete) throw new Error('the import finished before it could be killed; make the file larger');
    if (checkpoint.line > line) {
      child.kill(signal);
      return;
    }
  }
}

async function post(url: string, key: string, events: unknown[]): Promise<Array<{ status: string }>> {
  const res = await fetch(`${url}/v1/events`, { method: 'POST', headers: { ...bearer(key), 'content-type': 'application/json' }, body: JSON.stringify({ events }) });
  return ((await res.json()) as { results: Array<{ status: string }> }).results;
}

describe('rung import: kill -9 in the middle of a file, then resume', () => {
  let t: TestApp;
  let url: string;
  let dir: string;

  beforeAll(async () => {
    t = await startTestApp();
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    dir = mkdtempSync(join(tmpdir(), 'rung-import-e2e-'));
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores every event exactly once, and puts each rejected line in the rejected file once, with its reason', async () => {
    const events = [...new Simulation({ seed: 7, subjects: 5000, years: 3 }).events()];
    const lines = events.map((e) => JSON.stringify(e));
    for (const [at, bad] of [...BAD_LINES].sort(([a], [b]) => a - b)) lines.splice(at - 1, 0, bad);
    const file = join(dir, 'history.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);
    expect(lines.length).toBeGreaterThan(25_000);

    const first = runImport(file, url, t.keys.ingest);
    await killWhenPast(first.child, `${file}.checkpoint.json`, 10_000);
    expect((await first.done).code).toBeNull();
    const interrupted = JSON.parse(readFileSync(`${file}.checkpoint.json`, 'utf8')) as Summary & { line: number; complete: boolean };
    expect(interrupted.complete).toBe(false);

    const resumed = await runImport(file, url, t.keys.ingest).done;

    expect(resumed.code).toBe(3);
    const summary = JSON.parse(resumed.stdout.trim().split('\n').at(-1)!) as Summary;
    expect(summary).toMatchObject({ records: lines.length, rejected: BAD_LINES.size, resumedFromLine: interrupted.line });
    expect(summary.accepted + summary.duplicates).toBe(events.length);
    const rejected = readFileSync(`${file}.rejected.ndjson`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { line: number; record: string; errors: Array<{ path: string; message: string }> });
    expect(rejected.map((r) => [r.line, r.record])).toEqual([...BAD_LINES]);
    expect(rejected.map((r) => r.errors[0].path)).toEqual(['', 'type', '']);
    expect(rejected[0].errors[0].message).toMatch(/^not valid JSON/);

    for (let i = 0; i < events.length; i += 1000) {
      const results = await post(url, t.keys.ingest, events.slice(i, i + 1000));
      expect(results.filter((r) => r.status !== 'duplicate')).toEqual([]);
    }
    const subject = events[events.length - 1];
    const ofSubject = events.filter((e) => e.orgId === subject.orgId && e.subjectRef === subject.subjectRef).length;
    const timeline = (await (await fetch(`${url}/v1/subjects/${subject.orgId}/${subject.subjectRef}/timeline`, { headers: bearer(t.keys.ingest) })).json()) as { version: number };
    expect(timeline.version).toBe(ofSubject);
  }, 180_000);

  it('on Ctrl-C prints the command that resumes, and that command says where it resumes from', async () => {
    const lines = [...new Simulation({ seed: 8, subjects: 5000, years: 3 }).events()].map((e) => JSON.stringify(e));
    const file = join(dir, 'interrupted.ndjson');
    writeFileSync(file, `${lines.join('\n')}\n`);

    const first = runImport(file, url, t.keys.ingest);
    await killWhenPast(first.child, `${file}.checkpoint.json`, 5_000, 'SIGINT');
    const stopped = await first.done;
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toContain(`To resume, run:\n  rung import ${file} --url ${url} --api-key <API key> --concurrency 2\n`);
    const interrupted = JSON.parse(readFileSync(`${file}.checkpoint.json`, 'utf8')) as { line: number; complete: boolean };
    expect(interrupted.complete).toBe(false);

    const resumed = await runImport(file, url, t.keys.ingest).done;
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toContain(`rung import: resuming from line ${interrupted.line} (${file}.checkpoint.json)`);
    const summary = JSON.parse(resumed.stdout.trim().split('\n').at(-1)!) as Summary;
    expect(summary).toMatchObject({ records: lines.length, rejected: 0, resumedFromLine: interrupted.line });
    expect(summary.accepted + summary.duplicates).toBe(lines.length);
  }, 180_000);
});
