import { EVENT_TYPES, type EventType } from './event-types';

export interface VersionedEvent {
  type: EventType;
  schemaVersion: number;
  data: Record<string, unknown>;
}

/** Turns the data of `type` at `fromVersion` into the shape of `fromVersion + 1`. */
export interface Upcaster {
  type: EventType;
  fromVersion: number;
  upcast(data: Readonly<Record<string, unknown>>): Record<string, unknown>;
  /**
   * Fields that version `fromVersion + 1` introduces. An event sent at `fromVersion` or earlier must
   * not carry them: the validator refuses them there, so a sender cannot slip a new field past an old
   * version (and its rules, such as pseudonymisation, apply from the version that has it).
   */
  adds?: readonly string[];
  /** What changed, in a phrase, for docs/events.md. */
  description?: string;
}

export interface SchemaRegistry {
  currentVersion(type: EventType): number;
  upcast<E extends VersionedEvent>(event: E): E;
  /** The data fields introduced after `version` of `type` (refused in events sent at that version). */
  fieldsAddedAfter?(type: EventType, version: number): readonly string[];
}

/**
 * ProgrammeEnrolled v2 adds the optional `mentorRef` and `coachRef` (subject references, §12).
 * A v1 event had neither, so it is upcast with neither: the step only makes sure of that.
 */
export const PROGRAMME_ENROLLED_V1_TO_V2: Upcaster = {
  type: 'ProgrammeEnrolled',
  fromVersion: 1,
  upcast: ({ mentorRef: _mentorRef, coachRef: _coachRef, ...rest }) => ({ ...rest }),
  adds: ['mentorRef', 'coachRef'],
  description: 'adds the optional `mentorRef` and `coachRef`; a version 1 event is read with neither',
};

/** Every upcaster of the production registry, oldest first. */
export const UPCASTERS: readonly Upcaster[] = [PROGRAMME_ENROLLED_V1_TO_V2];

/** The current schema version of each type: 1, but where an upcaster has moved a type on. New shapes add an upcaster and bump the version here. */
export const CURRENT_SCHEMA_VERSIONS: Readonly<Record<EventType, number>> = {
  ...(Object.fromEntries(EVENT_TYPES.map((type) => [type, 1])) as Record<EventType, number>),
  ProgrammeEnrolled: 2,
};

export function createSchemaRegistry(
  versions: Readonly<Record<EventType, number>>,
  upcasters: readonly Upcaster[],
): SchemaRegistry {
  const byKey = new Map(upcasters.map((u) => [`${u.type}@${u.fromVersion}`, u]));
  return {
    currentVersion: (type) => versions[type],
    upcast<E extends VersionedEvent>(event: E): E {
      let { data, schemaVersion } = event;
      while (schemaVersion < versions[event.type]) {
        const step = byKey.get(`${event.type}@${schemaVersion}`);
        if (!step) throw new Error(`no upcaster for ${event.type} v${schemaVersion}`);
        data = step.upcast(data);
        schemaVersion += 1;
      }
      return schemaVersion === event.schemaVersion ? event : { ...event, data, schemaVersion };
    },
    fieldsAddedAfter: (type, version) => upcasters
      .filter((u) => u.type === type && u.fromVersion >= version && u.fromVersion < versions[type])
      .flatMap((u) => u.adds ?? []),
  };
}

export const SCHEMA_REGISTRY: SchemaRegistry = createSchemaRegistry(CURRENT_SCHEMA_VERSIONS, UPCASTERS);
