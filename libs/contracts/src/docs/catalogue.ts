import { CareerEventEnvelope, DATA_DTO_BY_TYPE } from '../dto';
import { READABLE_CODE_MAX_LENGTH, READABLE_CODE_MAX_PARTS } from '../direct-identifiers';
import { ETHNICITY_CODES, GROUPINGS, type EthnicityCode, type Grouping } from '../ethnicity';
import { EVENT_TYPES, EVENT_TYPE_DESCRIPTIONS, type EventType } from '../event-types';
import { DATA_FIELD_DESCRIPTIONS, ENVELOPE_FIELD_DESCRIPTIONS } from '../field-descriptions';
import { BUILT_IN_GRADE_SCHEMES, LEVELS, LEVEL_NAMES, type GradeScheme, type Level } from '../grade-schemes';
import { MAX_JSON_DEPTH } from '../json-depth';
import { PSEUDONYMISED_FIELDS, SUBJECT_REFERENCE_FIELDS } from '../pseudonymised-fields';
import { DEAD_LETTER_TOPIC, TOPIC_FAMILIES, messageKey, topicForType, type CareerTopic } from '../topics';
import { CURRENT_SCHEMA_VERSIONS, UPCASTERS } from '../upcasting';
import * as VOCABULARY from '../vocabulary';
import { MIGRANT_GENERATIONS, type MigrantGeneration } from '../vocabulary';
import { exampleEvent } from './examples';
import { fieldShapes, type FieldRule } from './fields';

/** The grouping function of `@rung/domain` (`groupOf`), passed in: contracts do not depend on domain. */
export type GroupOf = (grouping: Grouping, subject: { ethnicity?: EthnicityCode; migrantGeneration?: MigrantGeneration }) => string | undefined;

export interface FieldDoc {
  name: string;
  required: boolean;
  rule: FieldRule;
  description: string;
  /** Replaced at the boundary by a keyed pseudonym (PSEUDONYMISED_FIELDS, SUBJECT_REFERENCE_FIELDS, and subjectRef). */
  pseudonymised: boolean;
  /** Checked beyond its shape: a built-in grade scheme, or a grade of the event's scheme. */
  refinement?: 'grade-scheme' | 'grade';
  /** The code list whose values the field takes, when it takes one. */
  codeList?: string;
}

export interface EventTypeDoc {
  type: EventType;
  description: string;
  topic: CareerTopic;
  schemaVersion: number;
  fields: FieldDoc[];
  example: Record<string, unknown>;
}

export interface CodeListDoc {
  /** The exported constant in libs/contracts/src, e.g. `LEAVING_REASONS`. */
  constant: string;
  title: string;
  values: readonly string[];
  /** `Type.field` of every field that takes it. */
  usedBy: string[];
}

export interface GroupingDoc {
  grouping: Grouping;
  /** The group of each value, or undefined when the grouping leaves it out. */
  groupOf: ReadonlyMap<string, string | undefined>;
  /** The group of a subject who never stated the value. */
  whenMissing: string | undefined;
}

export interface EventCatalogue {
  envelope: FieldDoc[];
  eventTypes: EventTypeDoc[];
  codeLists: CodeListDoc[];
  ethnicity: { codeList: CodeListDoc; groupings: GroupingDoc[] };
  migrant: { codeList: CodeListDoc; groupings: GroupingDoc[] };
  gradeSchemes: Readonly<Record<string, GradeScheme>>;
  levels: ReadonlyArray<{ level: Level; name: string }>;
  topics: ReadonlyArray<{ topic: CareerTopic; types: readonly EventType[] }>;
  deadLetterTopic: string;
  messageKey: string;
  readableCode: { maxLength: number; maxParts: number };
  maxJsonDepth: number;
  /** Each registered upcaster: what changed from one version of a type to the next. */
  upcasters: ReadonlyArray<{ type: EventType; fromVersion: number; toVersion: number; description: string }>;
}

const GRADE_SCHEME_FIELD = 'gradeScheme';
const GRADE_FIELD = /^grade$|Grade$/;

/** Reads the contract catalogue of libs/contracts/src into one value that the renderers document. */
export function buildEventCatalogue(deps: { groupOf: GroupOf }): EventCatalogue {
  const vocabularies = Object.entries(VOCABULARY as Record<string, unknown>)
    .filter((entry): entry is [string, readonly string[]] => Array.isArray(entry[1]))
    .map(([constant, values]) => codeList(constant, values));
  const ethnicity = codeList('ETHNICITY_CODES', ETHNICITY_CODES);
  const lists = [ethnicity, ...vocabularies];

  const envelope = fieldShapes(CareerEventEnvelope).map((shape) => ({
    ...shape,
    description: ENVELOPE_FIELD_DESCRIPTIONS[shape.name as keyof typeof ENVELOPE_FIELD_DESCRIPTIONS] ?? missing('envelope', shape.name),
    pseudonymised: shape.name === 'subjectRef',
  }));

  const eventTypes = EVENT_TYPES.map((type): EventTypeDoc => {
    const shapes = fieldShapes(DATA_DTO_BY_TYPE[type]);
    const hasScheme = shapes.some((s) => s.name === GRADE_SCHEME_FIELD);
    const pseudonymised: readonly string[] = [...(PSEUDONYMISED_FIELDS[type] ?? []), ...(SUBJECT_REFERENCE_FIELDS[type] ?? [])];
    const descriptions = DATA_FIELD_DESCRIPTIONS[type] as Readonly<Record<string, string>>;
    const fields = shapes.map((shape): FieldDoc => {
      const list = shape.rule.kind === 'enum' ? listWithValues(lists, shape.rule.values) : undefined;
      list?.usedBy.push(`${type}.${shape.name}`);
      const refinement = !hasScheme ? undefined
        : shape.name === GRADE_SCHEME_FIELD ? 'grade-scheme'
          : GRADE_FIELD.test(shape.name) ? 'grade' : undefined;
      return {
        ...shape,
        description: descriptions[shape.name] ?? missing(type, shape.name),
        pseudonymised: pseudonymised.includes(shape.name),
        ...(refinement ? { refinement } : {}),
        ...(list ? { codeList: list.constant } : {}),
      };
    });
    return {
      type,
      description: EVENT_TYPE_DESCRIPTIONS[type],
      topic: topicForType(type),
      schemaVersion: CURRENT_SCHEMA_VERSIONS[type],
      fields,
      example: exampleEvent(type),
    };
  });

  const migrant = lists.find((l) => l.values === MIGRANT_GENERATIONS) as CodeListDoc;
  return {
    envelope,
    eventTypes,
    codeLists: vocabularies,
    ethnicity: {
      codeList: ethnicity,
      groupings: groupingsVaryingWith(deps.groupOf, ethnicity.values, (value) => ({ ethnicity: value as EthnicityCode })),
    },
    migrant: {
      codeList: migrant,
      groupings: groupingsVaryingWith(deps.groupOf, migrant.values, (value) => ({ migrantGeneration: value as MigrantGeneration })),
    },
    gradeSchemes: BUILT_IN_GRADE_SCHEMES,
    levels: LEVELS.map((level) => ({ level, name: LEVEL_NAMES[level] })),
    topics: (Object.keys(TOPIC_FAMILIES) as CareerTopic[]).map((topic) => ({ topic, types: TOPIC_FAMILIES[topic] })),
    deadLetterTopic: DEAD_LETTER_TOPIC,
    messageKey: messageKey({ orgId: 'orgId', subjectRef: 'subjectRef' }),
    readableCode: { maxLength: READABLE_CODE_MAX_LENGTH, maxParts: READABLE_CODE_MAX_PARTS },
    maxJsonDepth: MAX_JSON_DEPTH,
    upcasters: UPCASTERS.map((u) => ({ type: u.type, fromVersion: u.fromVersion, toVersion: u.fromVersion + 1, description: u.description ?? '' })),
  };
}

function codeList(constant: string, values: readonly string[]): CodeListDoc {
  const words = constant.toLowerCase().replace(/_/g, ' ');
  return { constant, title: words[0].toUpperCase() + words.slice(1), values, usedBy: [] };
}

function listWithValues(lists: CodeListDoc[], values: readonly (string | number)[]): CodeListDoc | undefined {
  return lists.find((l) => l.values.length === values.length && l.values.every((v, i) => v === values[i]));
}

/** The groupings whose group depends on the given field: those are the ones to tabulate beside its codes. */
function groupingsVaryingWith(
  groupOf: GroupOf,
  values: readonly string[],
  subject: (value: string) => { ethnicity?: EthnicityCode; migrantGeneration?: MigrantGeneration },
): GroupingDoc[] {
  return GROUPINGS.map((grouping) => ({
    grouping,
    groupOf: new Map(values.map((v) => [v, groupOf(grouping, subject(v))])),
    whenMissing: groupOf(grouping, {}),
  })).filter((g) => new Set(g.groupOf.values()).size > 1);
}

function missing(where: string, field: string): never {
  throw new Error(`${where}.${field} has no description: add one to libs/contracts/src/field-descriptions.ts`);
}
