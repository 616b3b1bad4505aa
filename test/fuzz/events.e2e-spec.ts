import fc from 'fast-check';
import { careerOf, createKey, startTestApp, type TestApp } from '@rung/testing';
import { hostileBodyText } from './hostile-values';
import { expectSound, namesField, sendAndCheck, violations, type Sent } from './http-checks';
import { toJsonText, type JsonTree } from './json-text';
import { eventPlan, freshRef, materialise, mutatedEvent, ORG, outcomesOf, timelineOf, type Materialised } from './events';
import { ROLES } from './routes';
import { announce, fuzz, timeoutFor } from './settings';

/**
 * Fuzzing POST /v1/events (sizes and seed: FUZZ_RUNS and FUZZ_SEED, see ./settings.ts). Properties:
 * never a 5xx; every 4xx a problem document (the 422 batch report aside, whose rejected results carry
 * errors naming the mutated field); each event of a batch stored whole or not at all; and a rejected
 * event leaves its subject's timeline as it was.
 */
describe('fuzzing POST /v1/events', () => {
  let t: TestApp;
  let narrow: string;

  beforeAll(async () => {
    announce('events');
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
    narrow = (await createKey(t.url, { role: 'ingest', orgIds: [ORG] })).secret;
  });
  afterAll(() => t.close());

  const post = (body: JsonTree): Sent => ({ method: 'post', url: '/v1/events', role: 'ingest', body: toJsonText(body) });

  it('answers hostile bodies, with any role\'s key, with no 5xx and problem documents', () => fuzz(
    fc.record({ body: hostileBodyText, role: fc.constantFrom(...ROLES, 'ingest', 'ingest') }),
    async ({ body, role }) => {
      await sendAndCheck(t, { method: 'post', url: '/v1/events', role, body });
    },
  ), timeoutFor());

  it('rejects a mutated event, anywhere in it, naming the field', () => fuzz(
    fc.record({ plan: mutatedEvent(() => true), batch: fc.boolean() }),
    async ({ plan, batch }) => {
      const { body } = materialise(plan);
      const sent = post(batch ? { events: [body] } : body);
      const res = await sendAndCheck(t, sent);
      const [result] = outcomesOf(res, 1);
      if (result.status === 'rejected' && plan.field !== undefined) expectSound(sent, res, namesField(result.errors, plan.field) ? [] : [`errors do not name ${plan.field}: ${JSON.stringify(result.errors)}`]);
    },
  ), timeoutFor());

  it('stores each event of a batch whole or not at all', () => fuzz(
    fc.record({ plans: fc.array(eventPlan, { minLength: 1, maxLength: 6 }), repeat: fc.boolean() }),
    async ({ plans, repeat }) => {
      const events = plans.map((p) => materialise(p));
      if (repeat) events.push(events[events.length - 1]);
      const sent = post({ events: events.map((e) => e.body) });
      const res = await sendAndCheck(t, sent);
      await expectStoredAsReported(sent, events, outcomesOf(res, events.length).map((r) => r.status));
    },
  ), timeoutFor());

  /** Each subject's timeline holds exactly its events reported stored; one with none has no timeline. */
  async function expectStoredAsReported(sent: Sent, events: Materialised[], outcomes: string[]): Promise<void> {
    for (const ref of new Set(events.map((e) => e.subjectRef))) {
      const stored = outcomes.filter((o, i) => o === 'stored' && events[i].subjectRef === ref).length;
      const timeline = await timelineOf(t, ref);
      const found = [...violations(timeline), ...(stored > 0
        ? (timeline.status === 200 && timeline.body.version === stored ? [] : [`${stored} stored, timeline ${timeline.status} v${timeline.body.version}`])
        : (timeline.status === 404 ? [] : [`nothing stored (${outcomes.join(', ')}), but the timeline answers ${timeline.status}`]))];
      expectSound(sent, timeline, found);
    }
  }

  it('leaves a subject\'s timeline unchanged by events it rejects, a conflicting resend among them', () => fuzz(
    fc.record({ plans: fc.array(mutatedEvent(), { minLength: 1, maxLength: 4 }), conflict: fc.boolean() }),
    async ({ plans, conflict }) => {
      const ref = freshRef();
      const career = careerOf(ref, ORG, 3);
      await t.as('ingest').post('/v1/events').send({ events: career }).expect(200);
      const before = await timelineOf(t, ref);
      const events = plans.map((p) => materialise(p, ref).body);
      if (conflict) events.push({ ...career[2], occurredAt: '2023-02-02' } as unknown as JsonTree);
      const sent = post({ events });
      const res = await sendAndCheck(t, sent);
      const accepted = res.status === 200 || res.status === 422 ? (res.body.accepted as number) : 0;
      const after = await timelineOf(t, ref);
      expectSound(sent, after, after.body.version === before.body.version + accepted ? [] : [`v${before.body.version} + ${accepted} stored ≠ v${after.body.version}`]);
      if (accepted === 0) expect(after.body).toEqual(before.body);
      const last = outcomesOf(res, events.length).at(-1);
      if (conflict && last?.status !== 'refused') expect(last).toMatchObject({ status: 'rejected', errors: [{ path: 'eventId' }] });
    },
  ), timeoutFor());

  it('refuses whole a batch naming an organisation outside the key\'s', () => fuzz(
    fc.record({ plans: fc.array(eventPlan, { minLength: 1, maxLength: 5 }), at: fc.nat() }),
    async ({ plans, at }) => {
      const events = plans.map((p) => materialise(p));
      const foreign = materialise(plans[0]);
      if (typeof foreign.body === 'object' && foreign.body !== null && !Array.isArray(foreign.body)) Object.assign(foreign.body, { orgId: 'leeds-council' });
      events.splice(at % (events.length + 1), 0, foreign);
      const sent: Sent = { method: 'post', url: '/v1/events', token: narrow, body: toJsonText({ events: events.map((e) => e.body) }) };
      const res = await sendAndCheck(t, sent);
      // Refused whole: for the foreign organisation, or earlier for a body too deep or too large.
      expectSound(sent, res, [400, 403, 413].includes(res.status) ? [] : [`expected 403, got ${res.status}`]);
      await expectStoredAsReported(sent, events, events.map(() => 'refused'));
    },
  ), timeoutFor());
});
