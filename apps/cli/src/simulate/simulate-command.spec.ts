import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { startFakeRung } from '@rung/testing';
import { UsageError } from '../console/args';
import { simulateCommand } from './simulate-command';

const SMALL = ['--seed', '3', '--orgs', '1', '--subjects', '400', '--years', '1'];

function io(): { stdout: PassThrough; stderr: PassThrough; err: () => string } {
  const stderr = new PassThrough();
  let text = '';
  stderr.on('data', (c: Buffer) => (text += c.toString()));
  return { stdout: new PassThrough(), stderr, err: () => text };
}

describe('rung simulate', () => {
  it('writes NDJSON and the truth to files, the same bytes for the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-sim-'));
    for (const name of ['a', 'b']) expect(await simulateCommand([...SMALL, '--out', join(dir, `${name}.ndjson`), '--truth', join(dir, `${name}.json`)], io())).toBe(0);
    const a = readFileSync(join(dir, 'a.ndjson'), 'utf8');
    expect(a).toBe(readFileSync(join(dir, 'b.ndjson'), 'utf8'));
    expect(a.split('\n').filter(Boolean).every((l) => (JSON.parse(l) as { orgId: string }).orgId === 'sim-nhs-1')).toBe(true);
    expect(JSON.parse(readFileSync(join(dir, 'a.json'), 'utf8'))).toMatchObject({ options: { seed: 3, subjects: 400 }, expected: { mentoringPromotionHazardRatio: 1.5 } });
  });

  it('posts batches of 1,000 to Rung and reports what was stored', async () => {
    const fake = await startFakeRung();
    const streams = io();
    try {
      expect(await simulateCommand([...SMALL, '--post', fake.url, '--exit-hazard-ratio', '2'], streams)).toBe(0);
    } finally {
      await fake.close();
    }
    const summary = JSON.parse(streams.err()) as { events: number; sent: number; accepted: number; rejected: number };
    expect(summary).toMatchObject({ sent: summary.events, accepted: summary.events, rejected: 0 });
    expect(fake.batches.every((b) => b.length <= 1000)).toBe(true);
    // Every event arrives, and no retraction is sent ahead of its target.
    const sentAt = new Map(fake.batches.flatMap((b, i) => b.map((e) => [e.eventId as string, i] as const)));
    const retractions = fake.batches.flat().filter((e) => e.type === 'EventRetracted');
    expect(retractions.length).toBeGreaterThan(0);
    for (const r of retractions) expect(sentAt.get((r.data as { retractedEventId: string }).retractedEventId)!).toBeLessThanOrEqual(sentAt.get(r.eventId as string)!);
    expect(fake.stored.size).toBe(summary.events);
  });

  it('refuses bad options and two destinations as usage errors', async () => {
    await expect(simulateCommand(['--orgs', '0'], io())).rejects.toThrow(UsageError);
    await expect(simulateCommand(['--orgs', '0'], io())).rejects.toThrow(/orgs must be a whole number from 1 to 99/);
    await expect(simulateCommand(['--out', 'x', '--post', 'http://127.0.0.1:1'], io())).rejects.toThrow('choose one of --out, --post');
    await expect(simulateCommand(['--post', 'ftp://x'], io())).rejects.toThrow(/http:\/\/ or https:\/\/ URL/);
  });
});
