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
}

export interface SchemaRegistry {
  currentVersion(type: EventType): number;
  upcast<E extends VersionedEvent>(event: E): E;
}

/** Every v1 event type is at version 1 today; new shapes add an upcaster and bump the version here. */
export const CURRENT_SCHEMA_VERSIONS: Readonly<Record<EventType, number>> = Object.fromEntries(
  EVENT_TYPES.map((type) => [type, 1]),
) as Record<EventType, number>;

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
  };
}

export const SCHEMA_REGISTRY: SchemaRegistry = createSchemaRegistry(CURRENT_SCHEMA_VERSIONS, []);
