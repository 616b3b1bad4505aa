'use strict';
const { randomUUID } = require('node:crypto');

const AFC = ['2', '3', '4', '5', '6', '7', '8a'];
const ETHNICITIES = ['white-british', 'white-other', 'asian-indian', 'black-african', 'mixed-other', 'other-any'];

/** A plausible ten-event career for one subject, in business order. */
function career(subject, orgId) {
  const base = { schemaVersion: 1, orgId, subjectRef: subject, source: 'bench' };
  const ev = (type, occurredAt, data) => ({ eventId: randomUUID(), type, occurredAt, data, ...base });
  const n = Number(subject.slice(1));
  const start = 2 + (n % 3);
  return [
    ev('EmployeeHired', `2016-0${1 + (n % 9)}-01`, { grade: AFC[start], gradeScheme: 'afc', contractType: 'permanent' }),
    ev('DemographicsRecorded', `2016-0${1 + (n % 9)}-02`, { ethnicity: ETHNICITIES[n % ETHNICITIES.length], sex: n % 2 ? 'female' : 'male' }),
    ev('TrainingAccessed', '2017-03-01', { kind: 'cpd', outcome: 'granted' }),
    ev('ApplicationSubmitted', '2018-01-10', { applicationId: `a${n}`, vacancyRef: `v${n % 97}`, targetGrade: AFC[start + 1], gradeScheme: 'afc', internal: true }),
    ev('ApplicationShortlisted', '2018-01-20', { applicationId: `a${n}` }),
    ev('ApplicationOutcome', '2018-02-01', { applicationId: `a${n}`, outcome: 'appointed', stage: 'interview' }),
    ev('PromotionGranted', '2018-03-01', { fromGrade: AFC[start], toGrade: AFC[start + 1], gradeScheme: 'afc', basis: 'competitive' }),
    ev('ProgrammeEnrolled', '2019-01-15', { programmeId: 'mentor-19', programmeKind: 'mentoring', role: 'participant' }),
    ev('ProgrammeCompleted', '2019-07-15', { programmeId: 'mentor-19' }),
    ev('AssessmentRecorded', '2019-07-20', { instrument: 'confidence-self', phase: 'post', score: 4, scaleMin: 1, scaleMax: 5 }),
  ];
}

/** Bodies of `batchSize` events each, interleaving subjects as HR backfills do. */
function batchBodies(totalEvents, batchSize, orgId = 'bench-trust') {
  const subjects = Math.ceil(totalEvents / 10);
  const bodies = [];
  let batch = [];
  for (let s = 0; s < subjects; s += 1) {
    for (const e of career(`S${s}`, orgId)) {
      batch.push(e);
      if (batch.length === batchSize) {
        bodies.push(JSON.stringify({ events: batch }));
        batch = [];
      }
    }
  }
  if (batch.length) bodies.push(JSON.stringify({ events: batch }));
  return { bodies, subjects };
}

module.exports = { career, batchBodies };
