import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { ValidateBy, validateSync, type ValidationError, type ValidationOptions } from 'class-validator';
import type { FieldError } from '@rung/contracts';
import { DomainError } from '@rung/domain';
import { isIsoDate } from './days';

const OPTIONS = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true, validationError: { target: false } } as const;

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Validates a plain object against a class-validator DTO, nested DTOs included, and returns one
 * error per bad field with its dotted path (`entry.between`, `arms[1].cohortId`).
 */
export function validateDto<T extends object>(dto: ClassConstructor<T>, raw: unknown, prefix = ''): Checked<T> {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, errors: [{ path: prefix, message: 'must be a JSON object' }] };
  }
  const unsafe = prototypeKeys(raw, prefix);
  if (unsafe.length) return { ok: false, errors: unsafe };
  const instance = plainToInstance(dto, raw);
  const errors = flatten(validateSync(instance, OPTIONS), prefix);
  return errors.length ? { ok: false, errors: firstPerPath(errors) } : { ok: true, value: instance };
}

/** The value, or a 422 problem naming every bad field. */
export function orThrow<T>(checked: Checked<T>, what: string): T {
  if (checked.ok) return checked.value;
  throw new DomainError('validation-failed', `The ${what} is not valid.`, checked.errors);
}

export function invalid(what: string, errors: FieldError[]): DomainError {
  return new DomainError('validation-failed', `The ${what} is not valid.`, errors);
}

function flatten(errors: readonly ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((e) => {
    const path = join(prefix, e.property);
    const constraints = e.constraints ?? {};
    const own: FieldError[] = [];
    if (constraints.whitelistValidation) own.push({ path, message: 'is not a known field' });
    else if (constraints.isDefined || (e.value === undefined && Object.keys(constraints).length)) own.push({ path, message: 'is required' });
    else if (Object.keys(constraints).length) own.push({ path, message: Object.values(constraints)[0] });
    return [...own, ...flatten(e.children ?? [], path)];
  });
}

/**
 * Keys naming a member of Object.prototype (`constructor`, `__proto__`, `toString`, …), at any depth:
 * never a field, and class-transformer takes a nested `constructor` for the value's class and throws.
 */
function prototypeKeys(value: unknown, path: string): FieldError[] {
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((item, i) => prototypeKeys(item, join(path, String(i))));
  return Object.keys(value).flatMap((key) => (key in Object.prototype
    ? [{ path: join(path, key), message: 'is not a known field' }]
    : prototypeKeys((value as Record<string, unknown>)[key], join(path, key))));
}

function join(prefix: string, property: string): string {
  if (/^\d+$/.test(property)) return `${prefix}[${property}]`;
  return prefix ? `${prefix}.${property}` : property;
}

function firstPerPath(errors: FieldError[]): FieldError[] {
  const byPath = new Map<string, FieldError>();
  for (const e of errors) if (!byPath.has(e.path)) byPath.set(e.path, e);
  return [...byPath.values()];
}

export const DATE_MESSAGE = 'must be a real date written YYYY-MM-DD';

/** A real calendar date written YYYY-MM-DD (2024-02-30 and 2024-13-01 are refused). */
export function IsRealDate(options: ValidationOptions = {}): PropertyDecorator {
  return ValidateBy({ name: 'isRealDate', validator: { validate: (value: unknown) => isIsoDate(value) } }, { message: DATE_MESSAGE, ...options });
}
