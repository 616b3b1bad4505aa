import { RetractionOrder } from './retraction-order';

const event = (eventId: string) => ({ eventId, type: 'EmployeeHired' });
const retraction = (eventId: string, target: string) => ({ eventId, type: 'EventRetracted', data: { retractedEventId: target } });

describe('the order of retractions and their targets', () => {
  it('given a batch in flight, when the next retracts one of its events, then it must wait; once acknowledged, it need not', () => {
    const order = new RetractionOrder();
    order.sent([event('a'), event('b')]);
    expect(order.mustWait([retraction('r', 'b')])).toBe(true);
    expect(order.mustWait([event('c'), retraction('r2', 'z')])).toBe(false);
    order.acknowledged([event('a'), event('b')]);
    expect(order.mustWait([retraction('r', 'b')])).toBe(false);
  });

  it('given nothing in flight, then nothing waits', () => {
    expect(new RetractionOrder().mustWait([retraction('r', 'a'), null])).toBe(false);
  });
});

describe('holding back only the retractions that must wait', () => {
  it('given a batch in flight, then a later batch goes without its retractions of that batch\'s events, which go once it is acknowledged', () => {
    const order = new RetractionOrder();
    order.sent([event('a')]);
    const later = [event('b'), retraction('r1', 'a'), retraction('r2', 'b'), event('c')];
    expect(order.partition(later)).toEqual({ ready: [event('b'), retraction('r2', 'b'), event('c')], held: [retraction('r1', 'a')] });
    order.acknowledged([event('a')]);
    expect(order.partition([retraction('r1', 'a')])).toEqual({ ready: [retraction('r1', 'a')], held: [] });
  });
});
