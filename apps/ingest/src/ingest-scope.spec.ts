import { scopeOf } from '@rung/domain';
import { checkWriteScope } from './ingest-scope';

describe('which organisations an ingest key may write for', () => {
  const rx1 = scopeOf(['rx1-trust']);

  it('given events for the key\'s organisation only, then the batch may go on', () => {
    expect(() => checkWriteScope([{ orgId: 'rx1-trust' }, { orgId: 'rx1-trust' }], rx1)).not.toThrow();
  });

  it('given one event for another organisation, then the whole batch is forbidden', () => {
    expect(() => checkWriteScope([{ orgId: 'rx1-trust' }, { orgId: 'leeds-council' }], rx1)).toThrow(expect.objectContaining({ code: 'forbidden' }));
  });

  it('given an event with no usable orgId, then it is left to validation, which rejects it', () => {
    expect(() => checkWriteScope([{ orgId: 7 }, null, {}], rx1)).not.toThrow();
  });
});
