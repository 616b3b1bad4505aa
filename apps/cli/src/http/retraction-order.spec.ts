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
