import request from 'supertest';
import type { App } from 'supertest/types';

/** The admin key every test app registers through RUNG_ADMIN_KEY. */
export const TEST_ADMIN_KEY = '5c0ffee5a11d0c0de5eedfacade0123456789abcdef0123456789abcdef01234';

export type TestRole = 'ingest' | 'research' | 'dashboard' | 'admin' | 'metrics';
/** One key per role (research keys are protected, as by default), and `exact`: a research key an admin made exact. */
export type TestKeys = Record<TestRole | 'exact', string>;

/** The master key that wraps test apps' data keys (a generated key file would land in the working directory). */
export const TEST_DATA_KEY = '7e57da7a0b1c2d3e4f5061728394a5b6c7d8e9f00112233445566778899aabbc';

/** Environment that every test app gets: the admin key, the data master key, and rate limits high enough never to bite. */
export const TEST_ACCESS_ENV: Record<string, string> = {
  RUNG_ADMIN_KEY: TEST_ADMIN_KEY,
  DATA_KEY_SECRET: TEST_DATA_KEY,
  RATE_LIMIT_INGEST: '10000000', RATE_LIMIT_RESEARCH: '10000000', RATE_LIMIT_DASHBOARD: '10000000', RATE_LIMIT_ADMIN: '10000000',
};

export function bearer(token: string): { authorization: string } {
  return { authorization: `Bearer ${token}` };
}

export interface KeyBody {
  name?: string;
  role: TestRole | TestRole[];
  orgIds: string[];
  disclosure?: 'protected' | 'exact';
}

/** Makes a key through the admin API of the app at `url`, and gives its secret. */
export async function createKey(url: string, body: KeyBody): Promise<{ id: string; secret: string }> {
  const res = await fetch(`${url}/v1/admin/keys`, {
    method: 'POST', headers: { ...bearer(TEST_ADMIN_KEY), 'content-type': 'application/json' },
    body: JSON.stringify({ name: body.name ?? `test ${String(body.role)}`, ...body }),
  });
  if (res.status !== 201) throw new Error(`POST /v1/admin/keys answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; secret: string };
}

/** One key of each role over every organisation, and an exact research key. */
export async function standardKeys(url: string): Promise<TestKeys> {
  const [ingest, research, dashboard, metrics, exact] = await Promise.all([
    ...(['ingest', 'research', 'dashboard', 'metrics'] as const).map(async (role) => (await createKey(url, { role, orgIds: ['*'] })).secret),
    createKey(url, { name: 'test exact research', role: 'research', orgIds: ['*'], disclosure: 'exact' }).then((k) => k.secret),
  ]);
  return { ingest, research, dashboard, metrics, admin: TEST_ADMIN_KEY, exact };
}

/** A supertest agent that sends the key with every request. */
export function authed(http: App, token: string): ReturnType<typeof request.agent> {
  return request.agent(http).set(bearer(token));
}
