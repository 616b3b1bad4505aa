import type { Response } from 'supertest';
import type { TestApp, TestRole } from '@rung/testing';
import { bearer } from '@rung/testing';
import request from 'supertest';
import type { App } from 'supertest/types';

export type Method = 'get' | 'post' | 'put' | 'delete';

/** One request as the fuzzer sends it: `url` already encoded, `body` as raw JSON text. */
export interface Sent {
  method: Method;
  url: string;
  role?: TestRole;
  /** A key's secret, instead of a role's standard key. */
  token?: string;
  body?: string;
  headers?: Record<string, string>;
}

export function send(t: TestApp, sent: Sent): Promise<Response> {
  const token = sent.token ?? t.keys[sent.role ?? 'admin'];
  let req = request(t.app.getHttpServer() as App)[sent.method](sent.url).set(bearer(token)).set(sent.headers ?? {});
  if (sent.body !== undefined) req = req.set('content-type', 'application/json').send(sent.body);
  return req.then((res) => res);
}

interface FieldError {
  path: string;
  message: string;
}

/** What breaks properties 1 and 2 in one answer: a 5xx, or a 4xx that is not a problem document. */
export function violations(res: Response, batchReport = false): string[] {
  if (res.status >= 500) return [`answered ${res.status}: ${JSON.stringify(res.body)}`];
  if (res.status < 400) return [];
  if (batchReport && res.status === 422) return reportViolations(res.body);
  const found: string[] = [];
  if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) found.push(`content-type ${res.headers['content-type']}`);
  const body = res.body as { status?: unknown; title?: unknown; detail?: unknown; errors?: unknown };
  if (body?.status !== res.status) found.push(`problem status ${String(body?.status)} on a ${res.status}`);
  if (typeof body?.title !== 'string' || body.title === '') found.push('no title');
  if (typeof body?.detail !== 'string' || body.detail === '') found.push('no detail');
  if (body?.errors !== undefined && !isErrorList(body.errors)) found.push(`errors not [{ path, message }]: ${JSON.stringify(body.errors)}`);
  return found;
}

function isErrorList(errors: unknown): errors is FieldError[] {
  return Array.isArray(errors) && errors.every((e) => typeof e?.path === 'string' && typeof e?.message === 'string');
}

function reportViolations(body: { results?: Array<{ status?: string; errors?: unknown }>; rejected?: number }): string[] {
  const results = body?.results;
  if (!Array.isArray(results)) return ['a 422 from POST /v1/events without results'];
  if (!results.some((r) => r.status === 'rejected')) return ['a 422 from POST /v1/events that rejected nothing'];
  return results.filter((r) => r.status === 'rejected' && !isErrorList(r.errors)).map((r) => `a rejected event without errors: ${JSON.stringify(r)}`);
}

const normal = (path: string): string => path.replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');

/** A rule between two fields is named at one of them and quotes the other: `to` "must be on or after from". */
const quotes = (message: string, field: string): boolean => /^\w+$/.test(field) && new RegExp(`\\b${field}\\b`).test(message);

/** A field with two spellings, one of which must be given (`role` or `roles`), is named by either. */
const oneOfTwo = (path: string, field: string): boolean => path === `${field}s` || `${path}s` === field;

/** Whether some error names the field, a part of it, or the object holding it, or quotes it in a rule between fields. */
export function namesField(errors: unknown, field: string): boolean {
  if (!isErrorList(errors)) return false;
  const wanted = normal(field);
  return errors.some(({ path, message }) => {
    const p = normal(path);
    return p === wanted || p.startsWith(`${wanted}.`) || wanted.startsWith(`${p}.`) || p === '' || quotes(message, wanted) || oneOfTwo(p, wanted);
  });
}

/** For a validation failure that one field caused: the errors must name it. */
export function namingViolations(res: Response, field: string | undefined): string[] {
  if (field === undefined || ![400, 422].includes(res.status)) return [];
  const body = res.body as { code?: string; errors?: unknown };
  if (res.status === 400 && body.errors === undefined) return [];
  if (body.code !== undefined && body.code !== 'validation-failed') return [];
  return namesField(body.errors, field) ? [] : [`errors do not name ${field}: ${JSON.stringify(body.errors)?.slice(0, 500)}`];
}

/** Fails the property with the request and what was wrong, cut short enough to read. */
export function expectSound(sent: Sent, res: Response, found: string[]): void {
  if (found.length === 0) return;
  const body = sent.body === undefined ? '' : ` body ${sent.body.slice(0, 300)}${sent.body.length > 300 ? `… (${sent.body.length} chars)` : ''}`;
  throw new Error(`${sent.method.toUpperCase()} ${sent.url.slice(0, 300)} as ${sent.role ?? 'token'}${body}\n→ ${res.status}: ${found.join('; ')}`);
}

/** Properties 1 and 2, and the field naming when the field is known. */
export async function sendAndCheck(t: TestApp, sent: Sent, field?: string): Promise<Response> {
  const res = await send(t, sent);
  const batch = sent.method === 'post' && sent.url.startsWith('/v1/events');
  expectSound(sent, res, [...violations(res, batch), ...(batch ? [] : namingViolations(res, field))]);
  return res;
}
