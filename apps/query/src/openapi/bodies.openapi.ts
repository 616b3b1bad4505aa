import type { ExamplesObject, SchemaObject } from '@nestjs/swagger';
import { DISCLOSURES } from '@rung/access';
import { ADJUST_NAMES, ENTRY_KINDS, ESTIMATORS, GROUPS_BY_GROUPING, INTERVALS, MAX_HORIZON_MONTHS, OUTCOME_NAMES } from '@rung/analytics';
import {
  AGE_BANDS, DISABILITY_VALUES, ETHNICITY_CODES, GROUPINGS, MIGRANT_GENERATIONS, ORG_ID, PROGRAMME_KINDS, PROGRAMME_ROLES, SEXES, SHORT_CODE,
} from '@rung/contracts';
import { ROLES } from '@rung/platform';

/*
 * Request bodies that the query app validates by hand or with DTO classes its libraries do not export:
 * written from those validators (cohort-definition.dto.ts, study-definition.dto.ts, api-key.ts,
 * erasures.service.ts), with every enumeration taken from the constants the validators use.
 * test/openapi.e2e-spec.ts posts every example below and expects it to be accepted.
 */

const DATE: SchemaObject = { type: 'string', format: 'date', description: 'A real calendar date, YYYY-MM-DD.' };
const ORG: SchemaObject = { type: 'string', pattern: ORG_ID.source, description: 'An organisation id (a lower-case slug).' };
const list = (values: readonly string[]): SchemaObject => ({ type: 'array', minItems: 1, items: { type: 'string', enum: [...values] } });

export const COHORT_DEFINITION_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'orgIds', 'entry'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    orgIds: { type: 'array', minItems: 1, maxItems: 100, items: ORG, description: 'Each must be within the key\'s organisations.' },
    entry: {
      type: 'object',
      additionalProperties: false,
      required: ['on'],
      description: 'Who enters, and when. `between: [from, to]` for EmployeeHired and ProgrammeEnrolled; `at` (and no `between`) for employed. '
        + 'programmeKind, programmeId and role apply only to ProgrammeEnrolled.',
      properties: {
        on: { type: 'string', enum: [...ENTRY_KINDS] },
        between: { type: 'array', minItems: 2, maxItems: 2, items: DATE, description: '[from, to], from on or before to.' },
        at: DATE,
        programmeKind: { type: 'string', enum: [...PROGRAMME_KINDS] },
        programmeId: { type: 'string', pattern: SHORT_CODE.source },
        role: { type: 'string', enum: [...PROGRAMME_ROLES] },
      },
    },
    where: {
      type: 'object',
      additionalProperties: false,
      description: 'Optional filters. grouping and groups go together; the groups of each grouping: '
        + Object.entries(GROUPS_BY_GROUPING).map(([g, groups]) => `${g}: ${groups.join(', ')}`).join('; ') + '.',
      properties: {
        grouping: { type: 'string', enum: [...GROUPINGS] },
        groups: { type: 'array', minItems: 1, items: { type: 'string' } },
        levelAtEntry: {
          type: 'object', additionalProperties: false,
          properties: { min: { type: 'integer', minimum: 1, maximum: 7 }, max: { type: 'integer', minimum: 1, maximum: 7 } },
        },
        ethnicity: list(ETHNICITY_CODES),
        migrantGeneration: list(MIGRANT_GENERATIONS),
        sex: list(SEXES),
        ageBand: list(AGE_BANDS),
        disability: list(DISABILITY_VALUES),
      },
    },
    exclude: {
      type: 'object',
      additionalProperties: false,
      description: 'Leaves out subjects who enrolled in a matching programme on or before time zero. With censorAtEnrolment, a member who enrols '
        + 'later is followed until that day and censored there (no immortal-time bias in a comparison arm).',
      properties: {
        programmeKind: { type: 'string', enum: [...PROGRAMME_KINDS] },
        programmeId: { type: 'string', pattern: SHORT_CODE.source },
        role: { type: 'string', enum: [...PROGRAMME_ROLES] },
        censorAtEnrolment: { type: 'boolean' },
      },
    },
  },
};

export const COHORT_DEFINITION_EXAMPLES: ExamplesObject = {
  hires: {
    summary: 'Ethnic-minority staff hired in 2019 at levels 1 to 3',
    value: {
      name: 'BME hires 2019', orgIds: ['rx1-trust'], entry: { on: 'EmployeeHired', between: ['2019-01-01', '2019-12-31'] },
      where: { grouping: 'wres', groups: ['bme'], levelAtEntry: { min: 1, max: 3 } },
    },
  },
  comparison: {
    summary: 'Staff in post who had not been mentored, censored if they enrol later',
    value: {
      name: 'Comparison 2020', orgIds: ['rx1-trust'], entry: { on: 'employed', at: '2020-01-01' }, where: { levelAtEntry: { min: 1, max: 3 } },
      exclude: { programmeKind: 'mentoring', role: 'participant', censorAtEnrolment: true },
    },
  },
  mentoring: {
    summary: 'Participants of a mentoring programme',
    value: { name: 'Mentees 2020', orgIds: ['rx1-trust'], entry: { on: 'ProgrammeEnrolled', programmeKind: 'mentoring', role: 'participant', between: ['2020-01-01', '2020-12-31'] } },
  },
};

const MONTHS: SchemaObject = { type: 'integer', minimum: 1, maximum: MAX_HORIZON_MONTHS };

export const STUDY_DEFINITION_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'arms', 'outcomes', 'horizonMonths', 'interval'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    arms: {
      type: 'array', minItems: 2, maxItems: 10, description: 'Arm names are unique; each cohort must be one the key can see.',
      items: {
        type: 'object', additionalProperties: false, required: ['name', 'cohortId'],
        properties: { name: { type: 'string', minLength: 1, maxLength: 100 }, cohortId: { type: 'string', minLength: 1, maxLength: 100 } },
      },
    },
    outcomes: {
      type: 'array', minItems: 1, maxItems: OUTCOME_NAMES.length, description: 'Each outcome once; by name, or with an estimator (aalen-johansen needs a competing event, so not for exit).',
      items: {
        oneOf: [
          { type: 'string', enum: [...OUTCOME_NAMES] },
          {
            type: 'object', additionalProperties: false, required: ['outcome'],
            properties: { outcome: { type: 'string', enum: [...OUTCOME_NAMES] }, estimator: { type: 'string', enum: [...ESTIMATORS] } },
          },
        ],
      },
    },
    horizonMonths: MONTHS,
    interval: { type: 'string', enum: [...INTERVALS] },
    referenceArm: { type: 'string', description: 'The name of one of the arms.' },
    checkpointsMonths: { type: 'array', maxItems: 24, items: MONTHS, description: 'Months after recruitment at which the report is frozen; none beyond horizonMonths.' },
    adjust: {
      type: 'array',
      description: 'Covariates of the adjusted effects (Cox proportional hazards, Efron ties), each at most once: the arm\'s hazard ratios are '
        + 'then reported unadjusted and adjusted. Members with an unknown covariate are left out of both models.',
      items: {
        oneOf: [
          { type: 'string', enum: [...ADJUST_NAMES] },
          { type: 'object', additionalProperties: false, required: ['grouping'], properties: { grouping: { type: 'string', enum: [...GROUPINGS] } } },
        ],
      },
    },
  },
};

/** The cohort ids are placeholders: use the `id` of cohorts you defined. */
export const STUDY_DEFINITION_EXAMPLES: ExamplesObject = {
  mentoring: {
    summary: 'Mentees against other hires, over five years',
    value: {
      name: 'Mentoring evaluation', arms: [{ name: 'mentored', cohortId: 'c_mentees' }, { name: 'comparison', cohortId: 'c_hires' }],
      outcomes: ['promotion', { outcome: 'exit', estimator: 'kaplan-meier' }], horizonMonths: 60, interval: 'quarter', referenceArm: 'comparison',
      checkpointsMonths: [12, 24], adjust: ['levelAtEntry', 'tenureBand', { grouping: 'wres' }, 'sex'],
    },
  },
};

export const KEY_REQUEST_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'orgIds'],
  description: 'Give `role` or `roles`.',
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 100, description: 'A label, without control characters.' },
    role: { type: 'string', enum: [...ROLES] },
    roles: { type: 'array', minItems: 1, items: { type: 'string', enum: [...ROLES] } },
    orgIds: { type: 'array', minItems: 1, maxItems: 200, items: { type: 'string', pattern: `${ORG_ID.source}|^\\*$` }, description: 'Organisation ids, or ["*"] for all.' },
    disclosure: { type: 'string', enum: [...DISCLOSURES], description: 'Research keys only; default protected.' },
  },
};

export const KEY_REQUEST_EXAMPLES: ExamplesObject = {
  research: { summary: 'A research key for one organisation', value: { name: 'Evaluation team', role: 'research', orgIds: ['rx1-trust'] } },
  ingest: { summary: 'An ingest key', value: { name: 'ESR feed', roles: ['ingest'], orgIds: ['rx1-trust'] } },
};

const KEY_VIEW_PROPERTIES: Record<string, SchemaObject> = {
  id: { type: 'string', pattern: '^k_[0-9a-f]{16}$' },
  name: { type: 'string' },
  roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
  orgIds: { type: 'array', items: { type: 'string' } },
  disclosure: { type: 'string', enum: [...DISCLOSURES], nullable: true },
  createdAt: { type: 'string', format: 'date-time' },
  createdBy: { type: 'string', nullable: true },
  revokedAt: { type: 'string', format: 'date-time', nullable: true },
};

export const KEY_VIEW_SCHEMA: SchemaObject = { type: 'object', properties: KEY_VIEW_PROPERTIES };
export const CREATED_KEY_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { ...KEY_VIEW_PROPERTIES, secret: { type: 'string', description: 'rung_ and 43 base64url characters; shown only in this answer.' } },
};

export const ERASURE_REQUEST_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  required: ['orgId', 'subjectRef'],
  properties: { orgId: ORG, subjectRef: { type: 'string', minLength: 1, maxLength: 200, description: 'The reference the events were sent with.' } },
};

export const ERASURE_REQUEST_EXAMPLES: ExamplesObject = {
  subject: { summary: 'Erase one subject', value: { orgId: 'rx1-trust', subjectRef: 'E123456' } },
};

export const ERASURE_VIEW_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    id: { type: 'string', format: 'uuid' }, orgId: { type: 'string' }, status: { type: 'string', enum: ['pending', 'finished'] },
    requestedAt: { type: 'string', format: 'date-time' }, finishedAt: { type: 'string', format: 'date-time', nullable: true },
  },
};

export const REBUILD_RECORD_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    generation: { type: 'integer', description: 'The generation the timelines are rebuilt into.' },
    state: { type: 'string', enum: ['requested', 'running', 'done'] },
    requestedAt: { type: 'string', format: 'date-time' },
    requestedBy: { type: 'string', description: 'The key id of the admin who asked, or `start` for a rebuild of empty timelines at start.' },
    startedAt: { type: 'string', format: 'date-time', nullable: true },
    finishedAt: { type: 'string', format: 'date-time', nullable: true },
    eventsRead: { type: 'integer', description: 'Events read so far by the current run.' },
    streams: { type: 'integer', description: 'Timelines in the new generation so far.' },
    runs: { type: 'integer', description: 'Runs that worked on it; more than 1 after a resume.' },
    fence: { type: 'integer', nullable: true, description: 'The fencing token of the lease its current runner holds.' },
  },
};
