import { validateSync, type ValidationError } from 'class-validator';
import type { CareerEvent } from './career-event';
import { findDirectIdentifiers } from './direct-identifiers';
import { CareerEventEnvelope, DATA_DTO_BY_TYPE } from './dto';
import { cacheValidationMetadata } from './dto/metadata-cache';
import { isEventType, type EventType } from './event-types';
import type { FieldError } from './field-error';
import { MAX_JSON_DEPTH, nestsDeeperThan } from './json-depth';
import { refineEvent } from './refinements';
import { SCHEMA_REGISTRY, type SchemaRegistry } from './upcasting';

export type ValidationResult = { ok: true; event: CareerEvent } | { ok: false; errors: FieldError[] };

cacheValidationMetadata();

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, validationError: { target: false } } as const;

/**
 * Validates one raw event of §4 and returns it normalised (upcast to the current schema version for
 * checking; `occurredAt` date-times in UTC), or one error per bad field, naming the field and the reason.
 */
export function validateCareerEvent(raw: unknown, registry: SchemaRegistry = SCHEMA_REGISTRY): ValidationResult {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: '', message: 'an event must be a JSON object' }] };
  }
  if (nestsDeeperThan(raw, MAX_JSON_DEPTH)) {
    return { ok: false, errors: [{ path: '', message: `an event must not nest deeper than ${MAX_JSON_DEPTH} levels` }] };
  }
  const errors = new ErrorList(findDirectIdentifiers(raw));
  const body = raw as Record<string, unknown>;
  errors.addAll(prototypeKeyErrors(body, ''));
  errors.addAll(toFieldErrors(validateSync(withOwnFields(new CareerEventEnvelope(), body), OPTIONS), ''));
  const schemaOk = checkSchemaVersion(body, registry, errors);
  if (!schemaOk || !isPlainObject(body.data)) return { ok: false, errors: errors.list() };
  errors.addAll(fieldsNotYetAt(body as { type: EventType; schemaVersion: number; data: Record<string, unknown> }, registry));
  const event = registry.upcast(body as unknown as CareerEvent & { data: Record<string, unknown> });
  const dto = withOwnFields(new DATA_DTO_BY_TYPE[event.type](), event.data);
  errors.addAll(prototypeKeyErrors(event.data, 'data'));
  errors.addAll(toFieldErrors(validateSync(dto, OPTIONS), 'data'));
  if (errors.isEmpty()) errors.addAll(refineEvent(event));
  if (!errors.isEmpty()) return { ok: false, errors: errors.list() };
  return { ok: true, event: { ...(body as unknown as CareerEvent), occurredAt: normaliseInstant(event.occurredAt) } };
}

/**
 * The DTO with the body's fields as its own. A key naming a member of Object.prototype (`__proto__`,
 * `constructor`, `toString`, …) is never a field, and is left out: Object.assign would take `__proto__`
 * as the DTO's prototype, and the validator finds a DTO's rules through its `constructor`.
 */
function withOwnFields<T extends object>(dto: T, fields: Record<string, unknown>): T {
  for (const key of Object.keys(fields).filter((k) => !(k in Object.prototype))) {
    Object.defineProperty(dto, key, { value: fields[key], enumerable: true, writable: true, configurable: true });
  }
  return dto;
}

function prototypeKeyErrors(fields: Record<string, unknown>, prefix: string): FieldError[] {
  return Object.keys(fields).filter((k) => k in Object.prototype).map((k) => ({ path: prefix ? `${prefix}.${k}` : k, message: 'is not a field of this event' }));
}

function checkSchemaVersion(body: Record<string, unknown>, registry: SchemaRegistry, errors: ErrorList): boolean {
  if (!isEventType(body.type) || !Number.isInteger(body.schemaVersion) || (body.schemaVersion as number) < 1) return false;
  const current = registry.currentVersion(body.type);
  if ((body.schemaVersion as number) <= current) return true;
  errors.add({ path: 'schemaVersion', message: `${body.type} is at schema version ${current}; ${body.schemaVersion} is not known` });
  return false;
}

/** Fields a later schema version introduced, sent in an event of an earlier version (`mentorRef` at ProgrammeEnrolled v1). */
function fieldsNotYetAt(body: { type: EventType; schemaVersion: number; data: Record<string, unknown> }, registry: SchemaRegistry): FieldError[] {
  const added = registry.fieldsAddedAfter?.(body.type, body.schemaVersion) ?? [];
  return added.filter((field) => Object.hasOwn(body.data, field) && body.data[field] !== undefined).map((field) => ({
    path: `data.${field}`,
    message: `is not a field of ${body.type} schema version ${body.schemaVersion}; send schemaVersion ${registry.currentVersion(body.type)}`,
  }));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function normaliseInstant(value: string): string {
  return value.length === 10 ? value : new Date(value).toISOString();
}

function toFieldErrors(errors: ValidationError[], prefix: string): FieldError[] {
  return errors.map((e) => {
    const path = prefix ? `${prefix}.${e.property}` : e.property;
    const constraints = e.constraints ?? {};
    if (constraints.whitelistValidation) return { path, message: 'is not a field of this event' };
    if (constraints.isDefined || e.value === undefined) return { path, message: 'is required' };
    return { path, message: Object.values(constraints)[0] ?? 'is not valid' };
  });
}

/** Keeps the first error for each path, so that each bad field is named once. */
class ErrorList {
  private readonly byPath = new Map<string, FieldError>();
  constructor(initial: FieldError[] = []) {
    this.addAll(initial);
  }
  add(error: FieldError): void {
    if (!this.byPath.has(error.path)) this.byPath.set(error.path, error);
  }
  addAll(errors: FieldError[]): void {
    errors.forEach((e) => this.add(e));
  }
  isEmpty(): boolean {
    return this.byPath.size === 0;
  }
  list(): FieldError[] {
    return [...this.byPath.values()];
  }
}
