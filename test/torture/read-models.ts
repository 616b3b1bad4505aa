import { bearer, until, type ChildApp } from '@rung/testing';

async function getJson<T>(app: ChildApp, key: string, path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.url}${path}`, { ...init, headers: { ...bearer(key), ...(init.headers ?? {}) } });
  return { status: res.status, body: (await res.json()) as T };
}

/** The stored timeline of every subject, as the API serves it. */
export async function timelinesOf(app: ChildApp, orgId: string, subjects: readonly string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (let i = 0; i < subjects.length; i += 20) {
    const answers = await Promise.all(subjects.slice(i, i + 20).map((s) => getJson<unknown>(app, app.keys.ingest, `/v1/subjects/${orgId}/${s}/timeline`)));
    answers.forEach((a, j) => out.set(subjects[i + j], a.status === 200 ? a.body : null));
  }
  return out;
}

export interface DataVersion {
  subjects: number | null;
  events: number | null;
  fingerprint: string;
}

/** The data version an exact indicators answer was computed from. */
export async function dataVersionOf(app: ChildApp, orgId: string): Promise<DataVersion> {
  const { status, body } = await getJson<{ dataVersion: DataVersion }>(app, app.keys.exact, `/v1/indicators?orgId=${orgId}&from=2019-01-01&to=2024-12-31`);
  if (status !== 200) throw new Error(`indicators answered ${status}`);
  return body.dataVersion;
}

/** Asks for a full rebuild through the admin API and waits until it is done. */
export async function rebuild(app: ChildApp): Promise<{ generation: number; eventsRead: number; streams: number }> {
  const asked = await getJson<{ generation: number }>(app, app.keys.admin, '/v1/admin/projections/rebuild', { method: 'POST' });
  if (asked.status !== 202) throw new Error(`rebuild answered ${asked.status}`);
  let done: { generation: number; state: string; eventsRead: number; streams: number } | undefined;
  await until('the rebuild to finish', async () => {
    const { body } = await getJson<typeof done & object>(app, app.keys.admin, '/v1/admin/projections/rebuild');
    done = body;
    return body.generation === asked.body.generation && body.state === 'done';
  }, 120_000, 100);
  return done as { generation: number; eventsRead: number; streams: number };
}
