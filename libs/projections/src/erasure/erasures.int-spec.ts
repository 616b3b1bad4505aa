import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EventBus } from '@nestjs/cqrs';
import { EmbeddedSubjectKeyStore, type SealedEventStore } from '@rung/event-store';
import { JsonLogger, type Pseudonymiser } from '@rung/platform';
import { InProcessReadModelVersions } from '../read-model-versions/read-model-versions.port';
import { timelineAt } from '../subject-timeline/subject-timeline-store.contract';
import { InMemorySubjectTimelineStore } from '../subject-timeline/subject-timeline.store';
import { Erasures } from './erasures.service';
import { SubjectsErased } from './subjects-erased.event';

const NOW = new Date('2026-11-30T12:00:00Z');
const pseudonymiser: Pseudonymiser = { subjectId: (orgId, ref) => `${orgId}/${ref}` };

describe('Erasures: each step repeatable, an interrupted erasure finished at the next start', () => {
  let dir: string;
  let keys: EmbeddedSubjectKeyStore;
  let timelines: InMemorySubjectTimelineStore;
  let published: SubjectsErased[];
  let versions: InProcessReadModelVersions;
  const forgotten: string[] = [];

  const erasures = (): Erasures => new Erasures(
    keys, timelines, versions, { forget: (ids: string[]) => forgotten.push(...ids) } as unknown as SealedEventStore, pseudonymiser, () => NOW,
    { publish: (e: SubjectsErased) => published.push(e) } as unknown as EventBus, new JsonLogger('error', () => undefined),
  );

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-erasures-'));
    keys = await EmbeddedSubjectKeyStore.open(dir);
    timelines = new InMemorySubjectTimelineStore();
    published = [];
    versions = new InProcessReadModelVersions();
    forgotten.length = 0;
    await keys.putIfAbsent(new Map([['o1/E1', 'wrapped-1'], ['o1/E2', 'wrapped-2']]));
    await timelines.put(timelineAt('o1/E1', 2, 'o1'));
    await timelines.put(timelineAt('o1/E2', 2, 'o1'));
  });
  afterEach(async () => {
    await keys.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('given a request, when it finishes, then the key and timeline are gone, views here and elsewhere are told, and asking again gives the same erasure', async () => {
    const service = erasures();
    const first = await service.request({ orgId: 'o1', subjectRef: 'E1' });
    await service.settled();

    expect(await service.status(first.id)).toMatchObject({ id: first.id, orgId: 'o1', status: 'finished', finishedAt: NOW.toISOString() });
    expect(await keys.getWrapped(['o1/E1', 'o1/E2'])).toEqual(new Map([['o1/E2', 'wrapped-2']]));
    expect(await timelines.get('o1/E1')).toBeUndefined();
    expect(await timelines.get('o1/E2')).toBeDefined();
    expect(forgotten).toEqual(['o1/E1']);
    expect(published).toEqual([new SubjectsErased([{ streamId: 'o1/E1', orgId: 'o1' }])]);
    expect(await versions.all()).toEqual(new Map([['o1', 1]]));
    expect((await service.request({ orgId: 'o1', subjectRef: 'E1' })).id).toBe(first.id);
  });

  it('given a crash after the key was destroyed, when the service starts again, then it finishes the erasure', async () => {
    const crashing = erasures();
    const failing = timelines.delete.bind(timelines);
    timelines.delete = () => Promise.reject(new Error('killed'));
    const requested = await crashing.request({ orgId: 'o1', subjectRef: 'E1' });
    await crashing.settled();
    expect(await crashing.status(requested.id)).toMatchObject({ status: 'pending' });
    expect(await keys.getWrapped(['o1/E1'])).toEqual(new Map());
    expect(await timelines.get('o1/E1')).toBeDefined();

    timelines.delete = failing;
    await keys.close();
    keys = await EmbeddedSubjectKeyStore.open(dir);
    const restarted = erasures();
    restarted.onApplicationBootstrap();
    await restarted.settled();

    expect(await restarted.status(requested.id)).toMatchObject({ status: 'finished' });
    expect(await timelines.get('o1/E1')).toBeUndefined();
  });

  it('refuses a request without an organisation or subject reference, naming each field', async () => {
    await expect(erasures().request({ orgId: 'Not An Org', extra: 1 })).rejects.toMatchObject({
      code: 'validation-failed',
      details: [
        { path: 'extra', message: 'is not a field of an erasure request' },
        { path: 'orgId', message: 'must be an organisation id' },
        { path: 'subjectRef', message: 'must be the subject reference the events were sent with' },
      ],
    });
  });
});
