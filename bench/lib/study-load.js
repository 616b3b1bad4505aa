'use strict';
// What the study benchmarks share: simulated careers as batches of 1,000 events, loaded by 4 clients,
// and the mentoring-vs-coaching study defined over them.
const { plan, eventsOf, prng } = require('../report');

const ORG = 'bench-trust';

/** The events of `subjects` simulated careers (a fixed seed), as request bodies of 1,000 events. */
function bodiesOf(subjects) {
  const rand = prng(20251123);
  const bodies = [];
  let batch = [];
  for (let n = 0; n < subjects; n++) {
    for (const e of eventsOf(plan(n, rand))) {
      batch.push(e);
      if (batch.length === 1000) {
        bodies.push(JSON.stringify({ events: batch }));
        batch = [];
      }
    }
  }
  if (batch.length) bodies.push(JSON.stringify({ events: batch }));
  return bodies;
}

/** One request with a key; the parsed answer, or an error naming the status. */
async function send(url, key, method, body) {
  const res = await fetch(url, { method, headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' }, body });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

async function load(rung, bodies) {
  let next = 0;
  const worker = async () => {
    while (next < bodies.length) await send(`${rung.url}/v1/events`, rung.keys.ingest, 'POST', bodies[next++]);
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

/** Mentoring 2021 against coaching 2021 over 36 months, by month, with no checkpoints. */
async function defineStudy(rung, outcomes) {
  const cohort = (name, kind) => send(`${rung.url}/v1/cohorts`, rung.keys.research, 'POST', JSON.stringify({
    name, orgIds: [ORG], entry: { on: 'ProgrammeEnrolled', programmeKind: kind, role: 'participant', between: ['2021-01-01', '2021-12-31'] },
  }));
  const arms = [{ name: 'mentored', cohortId: (await cohort('Mentoring 2021', 'mentoring')).id }, { name: 'coached', cohortId: (await cohort('Coaching 2021', 'coaching')).id }];
  return send(`${rung.url}/v1/studies`, rung.keys.research, 'POST', JSON.stringify({
    name: 'Mentoring vs coaching', arms, outcomes, horizonMonths: 36, interval: 'month', checkpointsMonths: [],
  }));
}

module.exports = { ORG, bodiesOf, send, load, defineStudy };
