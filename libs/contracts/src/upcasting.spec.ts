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

  it('today every type is at version 1, so the production registry changes nothing', () => {
    const event = { type: 'EmployeeLeft' as const, schemaVersion: 1, data: { reason: 'other' } };
    expect(SCHEMA_REGISTRY.upcast(event)).toBe(event);
  });
});
