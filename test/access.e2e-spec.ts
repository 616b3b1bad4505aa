import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, careerOf, createKey, rawEvent, startTestApp, TEST_ADMIN_KEY, type TestApp } from '@rung/testing';

interface AuditEntry {
  seq: number;
  keyId: string | null;
  roles: string[];
  action: string;
  route: string;
  orgIds: string[];
  query: Record<string, string>;
  status: number;
  disclosure: string | null;
}

const auditFile = (t: TestApp): string => join(t.dataDir, 'audit', 'audit.log');

describe('keys, the first key, headers and limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ RATE_LIMIT_DASHBOARD: '3', RATE_LIMIT_WINDOW_SECONDS: '3600' });
  });
  afterAll(() => t.close());

  it('shows a new secret once, lists keys without it, and keeps only its hash on disk', async () => {
    const created = await t.as('admin').post('/v1/admin/keys').send({ name: 'HR feed', role: 'ingest', orgIds: ['rx1-trust'] }).expect(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^k_[0-9a-f]{16}$/), name: 'HR feed', roles: ['ingest'], orgIds: ['rx1-trust'], disclosure: null, revokedAt: null });
    expect(created.body.secret).toMatch(/^rung_[A-Za-z0-9_-]{43}$/);
    const listed = await t.as('admin').get('/v1/admin/keys').expect(200);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
    expect(listed.body.keys.find((k: { id: string }) => k.id === created.body.id)).not.toHaveProperty('secretHash');
    expect(readFileSync(join(t.dataDir, 'keys.jsonl'), 'utf8')).not.toContain(created.body.secret);
  });

  it('makes research keys protected unless an admin asks for exact, and refuses bad key requests with each field named', async () => {
    const research = await t.as('admin').post('/v1/admin/keys').send({ name: 'r', role: 'research', orgIds: ['rx1-trust'] }).expect(201);
    expect(research.body.disclosure).toBe('protected');
    const exact = await t.as('admin').post('/v1/admin/keys').send({ name: 'r', role: 'research', orgIds: ['rx1-trust'], disclosure: 'exact' }).expect(201);
    expect(exact.body.disclosure).toBe('exact');
    const bad = await t.as('admin').post('/v1/admin/keys').send({ name: '', role: 'superuser', orgIds: ['Not An Org'], disclosure: 'exact', extra: 1 }).expect(422);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['disclosure', 'extra', 'name', 'orgIds', 'role']);
  });

  it('sends no X-Powered-By, sends helmet\'s security headers, and never echoes the path of a 404', async () => {
    const res = await request(t.app.getHttpServer() as App).get('/v1/subjects-of/rx1-trust/E123456').expect(404);
    expect(res.headers['x-powered-by']).toBeUndefined();
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(JSON.stringify(res.body)).not.toContain('E123456');
  });

  it('answers no CORS headers unless CORS_ORIGINS lists the origin', async () => {
    const res = await t.as('dashboard').options('/v1/indicators').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const open = await startTestApp({ CORS_ORIGINS: 'https://dash.example.org' });
    try {
      const allowed = await request(open.app.getHttpServer() as App).options('/v1/indicators').set('Origin', 'https://dash.example.org').set('Access-Control-Request-Method', 'GET');
      expect(allowed.headers['access-control-allow-origin']).toBe('https://dash.example.org');
      const refused = await request(open.app.getHttpServer() as App).options('/v1/indicators').set('Origin', 'https://evil.example').set('Access-Control-Request-Method', 'GET');
      expect(refused.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await open.close();
    }
  });

  it('limits each key to its role\'s rate, answers 429 naming the limit, and counts keys apart', async () => {
    const a = await createKey(t.url, { role: 'dashboard', orgIds: ['rx1-trust'] });
    const b = await createKey(t.url, { role: 'dashboard', orgIds: ['rx1-trust'] });
    const url = '/v1/indicators?orgId=rx1-trust&from=2024-01-01&to=2024-12-31';
    const http = t.app.getHttpServer() as App;
    for (let i = 0; i < 3; i += 1) await request(http).get(url).set(bearer(a.secret)).expect(200);
    const refused = await request(http).get(url).set(bearer(a.secret)).expect(429);
    expect(refused.body.detail).toMatch(/more than 3 requests in 3600 s/);
    expect(refused.headers['retry-after']).toBeDefined();
    await request(http).get(url).set(bearer(b.secret)).expect(200);
  });

  it('refuses, once an admin registers an organisation\'s job families, an event with a family not on the list', async () => {
    const refused = await t.as('admin').put('/v1/admin/code-lists/rx1-trust').send({ jobFamily: ['nursing', 'JohnSmith'] }).expect(422);
    expect(refused.body.errors).toEqual([{ path: 'jobFamily[1]', message: 'looks like a name; direct identifiers are not accepted' }]);
    await t.as('admin').put('/v1/admin/code-lists/rx1-trust').send({ jobFamily: ['nursing', 'allied-health'] }).expect(200);
    expect((await t.as('admin').get('/v1/admin/code-lists/rx1-trust').expect(200)).body).toEqual({ orgId: 'rx1-trust', lists: { jobFamily: ['allied-health', 'nursing'] } });
    const hire = (subjectRef: string, jobFamily: string) => rawEvent('EmployeeHired', { subjectRef }, { jobFamily });
    const res = await t.as('ingest').post('/v1/events').send({ events: [hire('CL1', 'nursing'), hire('CL2', 'johnsmith')] }).expect(422);
    expect(res.body).toMatchObject({ accepted: 1, rejected: 1 });
    expect(res.body.results[1].errors).toEqual([{ path: 'data.jobFamily', message: "is not on this organisation's registered list of jobFamily codes" }]);
  });

  it('answers 400, never 500, to a JSON body nested 10,000 deep', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const res = await t.as('ingest').post('/v1/events').set('content-type', 'application/json').send(deep);
    expect(res.status).toBe(400);
    const deepObject = `{"events":[${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}]}`;
    expect((await t.as('ingest').post('/v1/events').set('content-type', 'application/json').send(deepObject)).status).toBe(400);
  });
});

describe('the first admin key', () => {
  it('is written once to ADMIN_KEY_FILE with mode 0600 when RUNG_ADMIN_KEY is unset, its path logged and never the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rung-first-key-'));
    const file = join(dir, 'secrets', 'admin.key');
    const env = { RUNG_ADMIN_KEY: '', ADMIN_KEY_FILE: file, LOG_LEVEL: 'info' };
    let app = await startTestApp(env, join(dir, 'data'), { withKeys: false });
    try {
      const key = readFileSync(file, 'utf8').trim();
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(key).not.toBe(TEST_ADMIN_KEY);
      await request(app.app.getHttpServer() as App).get('/v1/admin/keys').set(bearer(TEST_ADMIN_KEY)).expect(401);
      app = await app.restart();
      await request(app.app.getHttpServer() as App).get('/v1/admin/keys').set(bearer(key)).expect(200);
      expect(readFileSync(file, 'utf8').trim()).toBe(key);
      expect(app.logs.some((l) => l.includes(file))).toBe(true);
      expect(app.logs.join('\n')).not.toContain(key);
    } finally {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the audit log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ANALYTICS_MATERIALISE_SECONDS: '0' });
  });
  afterAll(() => t.close());

  const entries = (): AuditEntry[] => readFileSync(auditFile(t), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AuditEntry);

  it('records a researcher\'s report read and export with the key id, the route pattern and the mode, and never a raw subjectRef', async () => {
    await t.as('ingest').post('/v1/events').send({ events: careerOf('SUBJ77', 'rx1-trust', 3) }).expect(200);
    await t.as('ingest').get('/v1/subjects/rx1-trust/SUBJ77/timeline').expect(200);
    const exact = await createKey(t.url, { role: 'research', orgIds: ['rx1-trust'], disclosure: 'exact' });
    const cohort = { name: 'c', orgIds: ['rx1-trust'], entry: { on: 'EmployeeHired', between: ['2019-01-01', '2019-12-31'] } };
    const cohortId = (await t.as('research').post('/v1/cohorts').send(cohort).expect(201)).body.id;
    const study = { name: 's', arms: [{ name: 'a', cohortId }, { name: 'b', cohortId }], outcomes: ['exit'], horizonMonths: 12, interval: 'month' };
    const studyId = (await t.as('research').post('/v1/studies').send(study).expect(201)).body.id;
    await request(t.app.getHttpServer() as App).get(`/v1/studies/${studyId}/report?asOf=2024-01-01`).set(bearer(exact.secret)).expect(200);
    await request(t.app.getHttpServer() as App).get(`/v1/studies/${studyId}/report?format=csv`).set(bearer(exact.secret)).expect(200);

    const log = entries();
    const reads = log.filter((e) => e.action === 'studies.report');
    expect(reads).toEqual([
      expect.objectContaining({ keyId: exact.id, roles: ['research'], route: '/v1/studies/:id/report', orgIds: ['rx1-trust'], status: 200, disclosure: 'exact', query: { 'param.id': studyId, asOf: '2024-01-01' } }),
      expect.objectContaining({ keyId: exact.id, disclosure: 'exact', query: { 'param.id': studyId, format: 'csv' } }),
    ]);
    const timeline = log.find((e) => e.route === '/v1/subjects/:orgId/:subjectRef/timeline')!;
    expect(timeline.query['param.subjectId']).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(auditFile(t), 'utf8')).not.toContain('SUBJ77');
    expect(log.find((e) => e.action === 'admin-keys.create')).toMatchObject({ roles: ['admin'], status: 201, disclosure: null });
  });

  it('records a forbidden attempt, and serves the log to admins with filters and paging', async () => {
    await t.as('dashboard').get('/v1/studies').expect(403);
    const denied = await t.as('admin').get('/v1/admin/audit?action=studies.list').expect(200);
    expect(denied.body.entries).toEqual([expect.objectContaining({ status: 403, roles: ['dashboard'] })]);
    const first = await t.as('admin').get('/v1/admin/audit?limit=2').expect(200);
    expect(first.body.entries).toHaveLength(2);
    const second = await t.as('admin').get(`/v1/admin/audit?limit=2&cursor=${first.body.next}`).expect(200);
    expect(second.body.entries[0].seq).toBe(first.body.entries[1].seq + 1);
  });

  it('verifies an intact log, then detects one byte changed, and then one entry removed', async () => {
    expect((await t.as('admin').get('/v1/admin/audit/verify').expect(200)).body).toMatchObject({ ok: true, problems: [] });
    const lines = readFileSync(auditFile(t), 'utf8').split('\n');
    const changed = lines.map((l, i) => (i === 1 ? l.replace('"status":201', '"status":202') : l));
    expect(changed).not.toEqual(lines);
    t = await t.restart(() => writeFileSync(auditFile(t), changed.join('\n')));
    const afterChange = await t.as('admin').get('/v1/admin/audit/verify').expect(200);
    expect(afterChange.body.ok).toBe(false);
    expect(afterChange.body.problems).toContainEqual(expect.objectContaining({ seq: JSON.parse(lines[1]).seq, kind: 'changed' }));

    t = await t.restart(() => writeFileSync(auditFile(t), lines.filter((_, i) => i !== 5).join('\n')));
    const afterRemoval = await t.as('admin').get('/v1/admin/audit/verify').expect(200);
    expect(afterRemoval.body.ok).toBe(false);
    expect(afterRemoval.body.problems).toContainEqual(expect.objectContaining({ kind: 'removed' }));
  });
});
