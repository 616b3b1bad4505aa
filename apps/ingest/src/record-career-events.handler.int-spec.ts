import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBus } from '@nestjs/cqrs';
import { pseudonymiseSubject } from '@rung/domain';
import { EmbeddedEventStore, EmbeddedSubjectKeyStore } from '@rung/event-store';
import { rawEvent, type RawEvent } from '@rung/testing';
import { InlineEventPreparer, type EventPreparer, type PreparedEvent } from './preparation';
import { RecordCareerEvents, type RecordingReport } from './record-career-events.command';
import { EmbeddedCodeListStore } from './code-lists/code-list.store';
import { RecordCareerEventsHandler } from './record-career-events.handler';

const KEY = Buffer.alloc(32, 3);
const NOW = new Date('2026-02-01T12:00:00.000Z');
const stream = (subjectRef: string): string => pseudonymiseSubject(KEY, 'rx1-trust', subjectRef);
const retraction = (subjectRef: string, target: RawEvent): RawEvent =>
  rawEvent('EventRetracted', { subjectRef, occurredAt: '2024-04-01' }, { retractedEventId: target.eventId, reason: 'keyed-in-error' });
const strayError = { path: 'data.retractedEventId', message: expect.stringMatching(/^must name an earlier event of the same subject/) };

/** Holds the preparation of the next batch until released, as a slow worker would. */
class GatedPreparer implements EventPreparer {
  private gate: Promise<void> | null = null;
  release: () => void = () => undefined;

  constructor(private readonly inner: EventPreparer) {}

  holdNext(): void {
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  async prepare(raw: readonly unknown[]): Promise<PreparedEvent[]> {
    const gate = this.gate;
    this.gate = null;
    if (gate) await gate;
    return this.inner.prepare(raw);
  }
}

describe('RecordCareerEventsHandler: retractions only within the subject’s own stream (§8)', () => {
  let dir: string;
  let store: EmbeddedEventStore;
  let preparer: GatedPreparer;
  let handler: RecordCareerEventsHandler;
  let codeLists: EmbeddedCodeListStore;
  let subjectKeys: EmbeddedSubjectKeyStore;
  const record = (events: RawEvent[]): Promise<RecordingReport> => handler.execute(new RecordCareerEvents(events));
  const storedIds = async (subjectRef: string): Promise<string[]> => (await store.readStream(stream(subjectRef))).map((e) => e.eventId);

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-retractions-'));
    store = await EmbeddedEventStore.open({ dataDir: dir, now: () => NOW });
    preparer = new GatedPreparer(new InlineEventPreparer(KEY));
    codeLists = EmbeddedCodeListStore.open(dir);
    subjectKeys = await EmbeddedSubjectKeyStore.open(dir);
    handler = new RecordCareerEventsHandler(store, preparer, codeLists, subjectKeys, { publish: () => undefined } as unknown as EventBus);
  });
  afterEach(async () => {
    await subjectKeys.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects every event of an erased subject with the reason, and stores the rest of the batch', async () => {
    await subjectKeys.recordTombstones([{ streamId: stream('E-GONE'), orgId: 'rx1-trust', erasureId: 'x1', requestedAt: NOW.toISOString(), finishedAt: null }]);
    const gone = rawEvent('EmployeeHired', { subjectRef: 'E-GONE' });
    const kept = rawEvent('EmployeeHired', { subjectRef: 'E-KEPT' });

    const report = await record([gone, kept]);

    expect(report).toMatchObject({ accepted: 1, rejected: 1 });
    expect(report.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'subjectRef', message: expect.stringMatching(/^subject erased/) }] });
    expect(await storedIds('E-GONE')).toEqual([]);
    expect(await storedIds('E-KEPT')).toEqual([kept.eventId]);
  });

  it('rejects a retraction naming another subject’s event, and stores nothing of it', async () => {
    const theirs = rawEvent('TrainingAccessed', { subjectRef: 'E-OTHER' });
    await record([theirs, rawEvent('EmployeeHired', { subjectRef: 'E1' })]);

    const report = await record([retraction('E1', theirs)]);

    expect(report).toMatchObject({ accepted: 0, rejected: 1, results: [{ status: 'rejected', errors: [strayError] }] });
    expect(await storedIds('E1')).toHaveLength(1);
    expect(await storedIds('E-OTHER')).toEqual([theirs.eventId]);
  });

  it('stores a retraction of an earlier event of the same subject, stored before or sent before it in the batch', async () => {
    const stored = rawEvent('TrainingAccessed', { subjectRef: 'E1' });
    await record([stored]);
    const inBatch = rawEvent('TrainingAccessed', { subjectRef: 'E1' });
    const retractions = [retraction('E1', stored), retraction('E1', inBatch)];

    const report = await record([retractions[0], inBatch, retractions[1]]);

    expect(report).toMatchObject({ accepted: 3, rejected: 0 });
    expect(await storedIds('E1')).toEqual([stored.eventId, retractions[0].eventId, inBatch.eventId, retractions[1].eventId]);
  });

  it('rejects a retraction that comes before its target in the batch, or names an id never sent, and keeps the rest', async () => {
    const later = rawEvent('TrainingAccessed', { subjectRef: 'E1' });
    const early = retraction('E1', later);
    const unknown = retraction('E1', rawEvent('TrainingAccessed', { subjectRef: 'E1' }));

    const report = await record([early, later, unknown]);

    expect(report.results.map((r) => r.status)).toEqual(['rejected', 'stored', 'rejected']);
    expect(report.results[0].errors).toEqual([strayError]);
    expect(await storedIds('E1')).toEqual([later.eventId]);
  });

  it('rejects a retraction of an id sent earlier in the batch that the store refuses, being another subject’s', async () => {
    const theirs = rawEvent('TrainingAccessed', { subjectRef: 'E-OTHER' });
    await record([theirs]);
    const reused = { ...theirs, subjectRef: 'E1' };

    const report = await record([reused, retraction('E1', reused)]);

    expect(report.results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(report.results[1].errors).toEqual([strayError]);
    expect(await storedIds('E1')).toEqual([]);
  });

  it('rejects a retraction whose target the same batch also sends for another subject', async () => {
    const target = rawEvent('TrainingAccessed', { subjectRef: 'E-OTHER' });

    const report = await record([target, { ...target, subjectRef: 'E1' }, retraction('E1', { ...target, subjectRef: 'E1' })]);

    expect(report.results[2]).toMatchObject({ status: 'rejected', errors: [strayError] });
    expect(await storedIds('E1')).toEqual([]);
  });

  it('reports a resent retraction as a duplicate', async () => {
    const target = rawEvent('TrainingAccessed', { subjectRef: 'E1' });
    const batch = [target, retraction('E1', target)];
    await record(batch);

    expect(await record(batch)).toMatchObject({ accepted: 0, duplicates: 2, rejected: 0 });
  });

  it('refuses a retraction whose target is still being recorded: the sender holds it back until the target is acknowledged', async () => {
    const target = rawEvent('TrainingAccessed', { subjectRef: 'E1' });
    preparer.holdNext();
    const first = record([target]);
    const early = await record([retraction('E1', target)]);
    preparer.release();

    expect(early.results[0]).toMatchObject({ status: 'rejected', errors: [{ path: 'data.retractedEventId' }] });
    expect((await first).results[0].status).toBe('stored');
    const resent = await record([retraction('E1', target)]);
    expect(resent.results[0].status).toBe('stored');
  });

  it('looks nothing up for a batch without retractions', async () => {
    const locate = jest.spyOn(store, 'locateEvent');
    await record([rawEvent('EmployeeHired', { subjectRef: 'E1' }), rawEvent('TrainingAccessed', { subjectRef: 'E2' })]);
    expect(locate).not.toHaveBeenCalled();
  });

  it('rejects a code that is not on its organisation\'s registered list, and leaves other organisations to the shape rules', async () => {
    await codeLists.put('rx1-trust', { jobFamily: ['nursing'] });
    const listed = rawEvent('EmployeeHired', { subjectRef: 'E1' }, { jobFamily: 'nursing' });
    const unlisted = rawEvent('EmployeeHired', { subjectRef: 'E2' }, { jobFamily: 'johnsmith' });
    const elsewhere = rawEvent('EmployeeHired', { subjectRef: 'E3', orgId: 'leeds-council' }, { jobFamily: 'johnsmith' });

    const report = await record([listed, unlisted, elsewhere]);

    expect(report.results.map((r) => r.status)).toEqual(['stored', 'rejected', 'stored']);
    expect(report.results[1].errors).toEqual([{ path: 'data.jobFamily', message: "is not on this organisation's registered list of jobFamily codes" }]);
  });
});
