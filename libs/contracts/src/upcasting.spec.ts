import { CURRENT_SCHEMA_VERSIONS, createSchemaRegistry, SCHEMA_REGISTRY, type Upcaster } from './upcasting';
import { validateCareerEvent } from './validate-career-event';
import { rawEvent } from '@rung/testing';

/**
 * The worked example: suppose TrainingAccessed v1 said `{ kind, granted: boolean }` and v2 says
 * `{ kind, outcome: 'granted' | 'declined' }`. Events stored at v1 stay as they are; they are upcast
 * as they are read, and a v1 sender is still accepted.
 */
const trainingV1toV2: Upcaster = {
  type: 'TrainingAccessed',
  fromVersion: 1,
  upcast: ({ granted, ...rest }) => ({ ...rest, outcome: granted ? 'granted' : 'declined' }),
};
const registry = createSchemaRegistry({ ...CURRENT_SCHEMA_VERSIONS, TrainingAccessed: 2 }, [trainingV1toV2]);

describe('upcasting by schemaVersion', () => {
  it('given a v1 event, when read, then it comes back in the v2 shape', () => {
    const stored = { type: 'TrainingAccessed' as const, schemaVersion: 1, data: { kind: 'cpd', granted: false } };
    expect(registry.upcast(stored)).toEqual({ type: 'TrainingAccessed', schemaVersion: 2, data: { kind: 'cpd', outcome: 'declined' } });
    expect(stored.data).toEqual({ kind: 'cpd', granted: false });
  });

  it('given a current event, then it is returned untouched', () => {
    const current = { type: 'TrainingAccessed' as const, schemaVersion: 2, data: { kind: 'cpd', outcome: 'granted' } };
    expect(registry.upcast(current)).toBe(current);
  });

  it('validates a v1 sender against the upcast shape, and keeps what was sent', () => {
    const v1 = rawEvent('TrainingAccessed', { schemaVersion: 1, data: { kind: 'cpd', granted: true } });
    const result = validateCareerEvent(v1, registry);
    expect(result).toMatchObject({ ok: true, event: { schemaVersion: 1, data: { kind: 'cpd', granted: true } } });
    const bad = rawEvent('TrainingAccessed', { schemaVersion: 1, data: { kind: 'cpd', granted: true, extra: 1 } });
    expect(validateCareerEvent(bad, registry)).toMatchObject({ ok: false, errors: [{ path: 'data.extra' }] });
  });

  it('fails loudly when a step of the chain is missing', () => {
    const broken = createSchemaRegistry({ ...CURRENT_SCHEMA_VERSIONS, EmployeeLeft: 2 }, []);
    expect(() => broken.upcast({ type: 'EmployeeLeft', schemaVersion: 1, data: {} })).toThrow('no upcaster for EmployeeLeft v1');
  });

  it('leaves every type still at version 1 as it is', () => {
    const event = { type: 'EmployeeLeft' as const, schemaVersion: 1, data: { reason: 'other' } };
    expect(SCHEMA_REGISTRY.upcast(event)).toBe(event);
    expect(Object.entries(CURRENT_SCHEMA_VERSIONS).filter(([, version]) => version !== 1)).toEqual([['ProgrammeEnrolled', 2]]);
  });
});

describe('ProgrammeEnrolled schema version 2: mentorRef and coachRef', () => {
  const v1Data = { programmeId: 'mentor-24', programmeKind: 'mentoring', role: 'participant', protectedTime: true };

  it('given a stored v1 enrolment, when read, then it is upcast to v2 with neither mentorRef nor coachRef', () => {
    const stored = { type: 'ProgrammeEnrolled' as const, schemaVersion: 1, data: v1Data };

    const read = SCHEMA_REGISTRY.upcast(stored);

    expect(read).toEqual({ type: 'ProgrammeEnrolled', schemaVersion: 2, data: v1Data });
    expect(Object.keys(read.data)).not.toEqual(expect.arrayContaining(['mentorRef']));
    expect(Object.keys(read.data)).not.toEqual(expect.arrayContaining(['coachRef']));
    expect(stored.schemaVersion).toBe(1);
  });

  it('given a v2 enrolment, when read, then it is returned untouched', () => {
    const current = { type: 'ProgrammeEnrolled' as const, schemaVersion: 2, data: { ...v1Data, mentorRef: 'E654321', coachRef: 'E777' } };
    expect(SCHEMA_REGISTRY.upcast(current)).toBe(current);
  });

  it('given a v1 sender without the new fields, when validated, then it is accepted and kept at v1 as sent', () => {
    const v1 = rawEvent('ProgrammeEnrolled', { schemaVersion: 1 }, { mentorRef: undefined });
    delete v1.data.mentorRef;

    expect(validateCareerEvent(v1)).toMatchObject({ ok: true, event: { schemaVersion: 1, data: v1Data } });
  });

  it('given a v2 sender with a mentor and a coach, when validated, then both are accepted', () => {
    const v2 = rawEvent('ProgrammeEnrolled', { schemaVersion: 2 }, { mentorRef: 'E654321', coachRef: 'C-77' });

    expect(validateCareerEvent(v2)).toMatchObject({ ok: true, event: { schemaVersion: 2, data: { mentorRef: 'E654321', coachRef: 'C-77' } } });
  });

  it('given a v1 sender with a mentorRef or coachRef, when validated, then the field is refused and the version it needs named', () => {
    const v1 = rawEvent('ProgrammeEnrolled', { schemaVersion: 1 }, { mentorRef: 'E654321', coachRef: 'C-77' });

    expect(validateCareerEvent(v1)).toEqual({
      ok: false,
      errors: [
        { path: 'data.mentorRef', message: 'is not a field of ProgrammeEnrolled schema version 1; send schemaVersion 2' },
        { path: 'data.coachRef', message: 'is not a field of ProgrammeEnrolled schema version 1; send schemaVersion 2' },
      ],
    });
  });

  it('given a v2 sender with a mentorRef that is not a short code, then it is refused like a subjectRef would be', () => {
    const bad = rawEvent('ProgrammeEnrolled', { schemaVersion: 2 }, { mentorRef: 'Jo Bloggs' });
    expect(validateCareerEvent(bad)).toMatchObject({ ok: false, errors: [{ path: 'data.mentorRef' }] });
  });
});
