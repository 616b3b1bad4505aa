import { EVENT_TYPES } from './event-types';
import { CAREER_TOPICS, TOPIC_FAMILIES, familyTopicOf, messageKey, topicForType } from './topics';

describe('career topics (SPEC §5)', () => {
  it('puts every event type on exactly one of the five topics', () => {
    expect(CAREER_TOPICS).toEqual(['career.application.v1', 'career.promotion.v1', 'career.retention.v1', 'career.programme.v1', 'career.people.v1']);
    const carried = Object.values(TOPIC_FAMILIES).flat();
    expect([...carried].sort()).toEqual([...EVENT_TYPES].sort());
    expect(topicForType('PromotionGranted')).toBe('career.promotion.v1');
    expect(topicForType('EventRetracted')).toBe('career.people.v1');
  });

  it('knows no topic for a string that is not an event type', () => {
    expect(familyTopicOf('Promoted')).toBeUndefined();
    expect(familyTopicOf(42)).toBeUndefined();
  });

  it('keys a message by orgId:subjectRef', () => {
    expect(messageKey({ orgId: 'rx1-trust', subjectRef: 'E123456' })).toBe('rx1-trust:E123456');
  });
});
