import { answerDisclosure } from './disclosure';
import type { Principal } from './principal';

const key = (roles: Principal['roles'], disclosure: Principal['disclosure'] = null): Principal => ({ keyId: 'k_1', name: 'k', roles, orgIds: ['*'], disclosure });

describe('the disclosure mode of an answer', () => {
  it('given an exact research key on a research route, then the answer is exact', () => {
    expect(answerDisclosure(key(['research'], 'exact'), ['research'])).toBe('exact');
    expect(answerDisclosure(key(['research'], 'exact'), ['research', 'dashboard'])).toBe('exact');
  });

  it('given a protected research key or a dashboard key, then the answer is protected', () => {
    expect(answerDisclosure(key(['research'], 'protected'), ['research'])).toBe('protected');
    expect(answerDisclosure(key(['dashboard']), ['research', 'dashboard'])).toBe('protected');
  });

  it('given a key that is research and dashboard, exact, on a dashboard-only route, then the answer is protected', () => {
    expect(answerDisclosure(key(['dashboard', 'research'], 'exact'), ['dashboard'])).toBe('protected');
  });

  it('given an ingest or admin route, then the answer has no disclosure mode', () => {
    expect(answerDisclosure(key(['ingest']), ['ingest'])).toBeNull();
    expect(answerDisclosure(key(['admin', 'research'], 'exact'), ['admin'])).toBeNull();
  });
});
