import type { CodeListDoc, EventCatalogue, EventTypeDoc, FieldDoc, GroupingDoc } from './catalogue';
import { readableCodePattern } from './json-schema';
import { REFUSAL_EXAMPLES, refusalOf } from './refusals';

/** Inline a code list's values beside a field when it has at most this many. */
const INLINE_VALUES = 8;

/** docs/events.md: every event type, field and code of the contract, generated from the catalogue. */
export function renderEventsMarkdown(catalogue: EventCatalogue): string {
  return [
    ...intro(),
    ...envelopeSection(catalogue),
    ...eventTypesSection(catalogue),
    ...codeListsSection(catalogue),
    ...gradesSection(catalogue),
    ...refusalsSection(catalogue),
    ...versionsSection(catalogue),
    ...topicsSection(catalogue),
  ].join('\n');
}

function intro(): string[] {
  return [
    '# Career events',
    '',
    '<!-- Generated from libs/contracts/src by `npm run docs:events`; do not edit by hand. libs/contracts/src/docs/events-docs.spec.ts fails when this file is out of date. -->',
    '',
    'Every event Rung accepts, field by field, with its codes and the rules the boundary applies. It is generated from',
    'the contract in `libs/contracts/src` (the event types, their validated DTOs, the code lists, grade schemes and topics),',
    'so it says what the code does. JSON Schemas (2020-12) of the same contract are in [schemas/](schemas/):',
    '[envelope.schema.json](schemas/envelope.schema.json) and one `<EventType>.schema.json` per type. The schemas',
    'check shapes only; the [boundary](#what-the-boundary-refuses) checks more.',
    '',
    'Send events to `POST /v1/events`, one event or `{ "events": [ … ] }`, or on their [Kafka topic](#kafka-topics).',
    '',
    '- [The envelope](#the-envelope)',
    '- [Event types](#event-types)',
    '- [Code lists](#code-lists)',
    '- [Grade schemes and levels](#grade-schemes-and-levels)',
    '- [What the boundary refuses](#what-the-boundary-refuses)',
    '- [Schema versions and upcasting](#schema-versions-and-upcasting)',
    '- [Kafka topics](#kafka-topics)',
    '',
  ];
}

function envelopeSection(catalogue: EventCatalogue): string[] {
  return [
    '## The envelope',
    '',
    'An event is one JSON object with exactly these fields; any other field is refused.',
    '',
    ...fieldTable(catalogue, catalogue.envelope),
    '',
  ];
}

function eventTypesSection(catalogue: EventCatalogue): string[] {
  const summary = [
    '| type | what it records | Kafka topic | schema version |',
    '| --- | --- | --- | --- |',
    ...catalogue.eventTypes.map((t) => row(`[\`${t.type}\`](#${anchor(t.type)})`, t.description, code(t.topic), String(t.schemaVersion))),
  ];
  return ['## Event types', '', ...summary, '', ...catalogue.eventTypes.flatMap((t) => eventTypeSection(catalogue, t))];
}

function eventTypeSection(catalogue: EventCatalogue, doc: EventTypeDoc): string[] {
  return [
    `### ${doc.type}`,
    '',
    doc.description,
    '',
    `Kafka topic \`${doc.topic}\` · schema version ${doc.schemaVersion} · JSON Schema [${doc.type}.schema.json](schemas/${doc.type}.schema.json)`,
    '',
    ...(doc.fields.length ? fieldTable(catalogue, doc.fields, 'data.') : ['`data` has no fields: send `{}`.']),
    '',
    '```json',
    JSON.stringify(doc.example),
    '```',
    '',
  ];
}

function fieldTable(catalogue: EventCatalogue, fields: FieldDoc[], prefix = ''): string[] {
  return [
    '| field | type | required | allowed values or pattern | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...fields.map((f) =>
      row(code(prefix + f.name), typeOf(f), f.required ? 'required' : 'optional', allowed(catalogue, f), meaning(f)),
    ),
  ];
}

/** The JSON type of each rule; every string-shaped rule is a string. */
const JSON_TYPE: Record<FieldDoc['rule']['kind'], string> = {
  enum: 'string', pattern: 'string', 'readable-code': 'string', uuid: 'string', 'iso-date': 'string',
  integer: 'integer', number: 'number', boolean: 'boolean', object: 'object',
};

function typeOf(field: FieldDoc): string {
  return JSON_TYPE[field.rule.kind];
}

function allowed(catalogue: EventCatalogue, field: FieldDoc): string {
  const rule = field.rule;
  switch (rule.kind) {
    case 'enum': {
      const list = catalogue.codeLists.concat(catalogue.ethnicity.codeList).find((l) => l.constant === field.codeList);
      const values = rule.values.length <= INLINE_VALUES ? `one of ${rule.values.map((v) => code(String(v))).join(', ')}` : `one of ${rule.values.length} codes`;
      if (!list) return rule.values.length <= INLINE_VALUES ? values : `one of the ${rule.values.length} [event types](#event-types)`;
      return `${values}: [${list.title}](#${anchor(list.title)})`;
    }
    case 'pattern':
      if (field.refinement === 'grade-scheme') {
        return `one of ${Object.keys(catalogue.gradeSchemes).map(code).join(', ')}: [grade schemes](#grade-schemes-and-levels)`;
      }
      if (field.refinement === 'grade') return `a grade of \`gradeScheme\`, exactly as written in the [grade table](#grade-schemes-and-levels)`;
      return `matches ${code(rule.pattern.source)}`;
    case 'readable-code':
      return `a [readable code](#readable-codes): ${code(readableCodePattern(catalogue.readableCode.maxParts))}, at most ${catalogue.readableCode.maxLength} characters`;
    case 'uuid':
      return 'a UUID';
    case 'iso-date':
      return 'an ISO 8601 date (`2024-03-01`) or date-time (`2024-03-01T09:30:00Z`)';
    case 'integer':
    case 'number':
      return bounds(rule.minimum, rule.maximum);
    case 'boolean':
      return '`true` or `false`';
    case 'object':
      return 'a JSON object';
    default: {
      const unexpected: never = rule;
      throw new Error(`no description for ${JSON.stringify(unexpected)}`);
    }
  }
}

function bounds(minimum?: number, maximum?: number): string {
  if (minimum !== undefined && maximum !== undefined) return `from ${minimum} to ${maximum}`;
  if (minimum !== undefined) return `${minimum} or more`;
  if (maximum !== undefined) return `at most ${maximum}`;
  return 'finite';
}

function meaning(field: FieldDoc): string {
  return field.pseudonymised && !/pseudonymised/i.test(field.description) ? `${field.description} Pseudonymised at the boundary.` : field.description;
}

function codeListsSection(catalogue: EventCatalogue): string[] {
  const { ethnicity, migrant } = catalogue;
  const others = catalogue.codeLists.filter((l) => l !== migrant.codeList);
  return [
    '## Code lists',
    '',
    'Closed lists: a value outside its list is refused. Codes are case-sensitive. Each list is a constant in',
    '`libs/contracts/src` (`vocabulary.ts`, `ethnicity.ts`).',
    '',
    `### ${ethnicity.codeList.title}`,
    '',
    `\`${ethnicity.codeList.constant}\`, used by ${usedBy(ethnicity.codeList)}: the ONS 2021 census categories of England and Wales.`,
    'Analyses group them by these groupings (`groupOf` in `libs/domain/src/groupings.ts`); `—` means the grouping',
    'leaves the subject out.',
    '',
    ...groupingTable(ethnicity.codeList, ethnicity.groupings),
    '',
    `### ${migrant.codeList.title}`,
    '',
    `\`${migrant.codeList.constant}\`, used by ${usedBy(migrant.codeList)}, and grouped so:`,
    '',
    ...groupingTable(migrant.codeList, migrant.groupings),
    '',
    ...others.flatMap((l) => [
      `### ${l.title}`,
      '',
      `\`${l.constant}\`${l.usedBy.length ? `, used by ${usedBy(l)}` : ''}: ${l.values.map(code).join(', ')}`,
      '',
    ]),
  ];
}

function usedBy(list: CodeListDoc): string {
  return list.usedBy.map((u) => `\`${u}\``).join(', ');
}

function groupingTable(list: CodeListDoc, groupings: GroupingDoc[]): string[] {
  const cell = (group: string | undefined) => (group === undefined ? '—' : code(group));
  return [
    `| code | ${groupings.map((g) => `\`${g.grouping}\` grouping`).join(' | ')} |`,
    `| --- |${' --- |'.repeat(groupings.length)}`,
    ...list.values.map((v) => row(code(v), ...groupings.map((g) => cell(g.groupOf.get(v))))),
    row('(not sent)', ...groupings.map((g) => cell(g.whenMissing))),
  ];
}

function gradesSection(catalogue: EventCatalogue): string[] {
  const schemes = Object.entries(catalogue.gradeSchemes);
  return [
    '## Grade schemes and levels',
    '',
    'Every grade is sent with its `gradeScheme`, which must be one of these built-in schemes, and must be a grade',
    'of that scheme, exactly as written here (`8a`, not `8A`). Rung maps each grade to a common level, so that',
    'careers can be compared across schemes (`libs/contracts/src/grade-schemes.ts`).',
    '',
    `| level | name | ${schemes.map(([id]) => code(id)).join(' | ')} |`,
    `| --- | --- |${' --- |'.repeat(schemes.length)}`,
    ...catalogue.levels.map(({ level, name }) =>
      row(String(level), name, ...schemes.map(([, grades]) => gradesInOrder(grades).filter((g) => grades[g] === level).map(code).join(', ') || '—')),
    ),
    '',
  ];
}

/** A scheme's grades, numbered ones by number (`8a` before `9`; JavaScript lists integer keys first). */
export function gradesInOrder(grades: Readonly<Record<string, unknown>>): string[] {
  const rank = (grade: string) => {
    const n = Number.parseInt(grade, 10);
    return Number.isNaN(n) ? -1 : n;
  };
  return Object.keys(grades).sort((a, b) => rank(a) - rank(b));
}

function refusalsSection(catalogue: EventCatalogue): string[] {
  const { maxLength, maxParts } = catalogue.readableCode;
  return [
    '## What the boundary refuses',
    '',
    'Rung keeps no direct identifiers. Over HTTP and Kafka alike, an event is refused, with one error per bad field',
    '(HTTP 422, or a dead letter on Kafka), when it has:',
    '',
    '- a field named after a direct identifier (a name, e-mail, phone, address, postcode, date of birth, NHS or',
    '  National Insurance number), at any depth and in any spelling (`firstName`, `first_name`, `DOB`);',
    '- any string that looks like an e-mail address or a National Insurance number;',
    '- free text: any string with a space in it, or of 65 characters or more;',
    '- a field its type does not have, a value outside its code list, or a value of the wrong shape;',
    '- a grade that its scheme does not have, a score outside its scale, a date outside 1900–2100, a schema',
    '  version Rung does not know;',
    `- an object nested more than ${catalogue.maxJsonDepth} levels deep.`,
    '',
    'References (`subjectRef`, `applicationId`, `vacancyRef`, `mentorRef`, `coachRef`, grades) must be short codes:',
    'letters, digits and `. _ : / + -`, at most 64 characters. `subjectRef`, `applicationId`, `vacancyRef`,',
    '`mentorRef` and `coachRef` are replaced by keyed pseudonyms at the boundary and never stored. `mentorRef` and',
    '`coachRef` name another person of the same organisation by their own `subjectRef`, and are pseudonymised exactly',
    'as `subjectRef` is (HMAC-SHA256 under the pseudonym key, over `orgId` and the reference), so each equals the',
    'mentor\'s or coach\'s own subject pseudonym and analyses can read their timeline. A retraction must name an event',
    'of the same subject that is already stored, or sent before it in the same batch.',
    '',
    '### Readable codes',
    '',
    `\`jobFamily\`, \`programmeId\` and \`source\` are stored as sent, so each must be a short code: lowercase letters and`,
    `digits in up to ${maxParts} parts joined by \`-\` or \`_\`, at most ${maxLength} characters, that looks like no direct`,
    'identifier (a date, a phone, NHS or personal number, a postcode, a name). An administrator can also pin an',
    'organisation\'s codes (`PUT /v1/admin/code-lists/:orgId`); then only the listed codes are accepted.',
    '',
    '### Examples',
    '',
    'What Rung answers (the first error of each event; generated by running the validator on these events):',
    '',
    '| sent | field | error |',
    '| --- | --- | --- |',
    ...REFUSAL_EXAMPLES.map((example) => {
      const error = refusalOf(example);
      return row(example.sent, code(error.path || '(the event)'), error.message);
    }),
    '',
  ];
}

function versionsSection(catalogue: EventCatalogue): string[] {
  const versions = [...new Set(catalogue.eventTypes.map((t) => t.schemaVersion))];
  const current = versions.length === 1
    ? `Every type is at schema version ${versions[0]} today.`
    : `The current versions are in the [event types](#event-types) table.`;
  return [
    '## Schema versions and upcasting',
    '',
    `\`schemaVersion\` is the version of the shape of an event's \`data\`. ${current} An event may be sent at its`,
    'type\'s current version or an earlier one; a version above the current one is refused. Stored events are never',
    'rewritten: an event of an earlier version is upcast, one version at a time, by the upcasters registered in',
    '`libs/contracts/src/upcasting.ts`, when it is validated and whenever it is read, so projections and analyses',
    'only ever see the current shape. A new shape adds an upcaster from the version before and bumps the type\'s',
    'version in `CURRENT_SCHEMA_VERSIONS`; this page and the schemas then describe the new version. A field that a',
    'later version introduced is refused in an event sent at an earlier version.',
    '',
    ...(catalogue.upcasters.length
      ? [
        '| type | from version | to version | change |',
        '| --- | --- | --- | --- |',
        ...catalogue.upcasters.map((u) => row(`[\`${u.type}\`](#${anchor(u.type)})`, String(u.fromVersion), String(u.toVersion), u.description)),
        '',
      ]
      : []),
  ];
}

function topicsSection(catalogue: EventCatalogue): string[] {
  return [
    '## Kafka topics',
    '',
    `Each topic carries one family of event types. Messages are keyed \`${catalogue.messageKey}\`, so that one`,
    `subject's events stay in order on one partition; the value is one event as above. Refused events go to`,
    `\`${catalogue.deadLetterTopic}\` with the reason.`,
    '',
    '| topic | event types |',
    '| --- | --- |',
    ...catalogue.topics.map((t) => row(code(t.topic), t.types.map((type) => `[\`${type}\`](#${anchor(type)})`).join(', '))),
    '',
  ];
}

function row(...cells: string[]): string {
  return `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
}

function code(text: string): string {
  return `\`${text}\``;
}

/** GitHub's heading anchor: lower case, spaces to hyphens, punctuation dropped. */
function anchor(heading: string): string {
  return heading.toLowerCase().replace(/[^a-z0-9 _-]/g, '').replace(/ /g, '-');
}
