import { decodeMessage } from './decode-message';

const json = (value: unknown): Buffer => Buffer.from(JSON.stringify(value));

describe('decodeMessage', () => {
  it('passes an object whose type belongs to the topic, or is unknown, on to the command', () => {
    expect(decodeMessage('career.promotion.v1', json({ type: 'PromotionGranted', eventId: 'e1' }))).toEqual({ ok: true, event: { type: 'PromotionGranted', eventId: 'e1' } });
    expect(decodeMessage('career.promotion.v1', json({ type: 'Promoted' }))).toMatchObject({ ok: true });
  });

  it.each([
    ['no value (a tombstone)', null, 'invalid-json', 'the message has no value'],
    ['invalid JSON', Buffer.from('{"type": "PromotionGranted",'), 'invalid-json', 'the value is not valid JSON'],
    ['an array of events', json([{ type: 'PromotionGranted' }]), 'not-an-object', 'the value must be one event object, not an array'],
    ['a string', json('PromotionGranted'), 'not-an-object', 'the value must be one event object, not a string'],
    ['null', json(null), 'not-an-object', 'the value must be one event object, not null'],
    ['an event of another family', json({ type: 'EmployeeHired' }), 'wrong-topic', 'EmployeeHired events belong on career.retention.v1, not on career.promotion.v1'],
  ])('refuses %s with a reason that does not quote the value', (_what, value, code, reason) => {
    expect(decodeMessage('career.promotion.v1', value)).toEqual({ ok: false, code, reason });
  });
});
