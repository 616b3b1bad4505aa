import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, createKey, startTestApp, type TestApp } from '@rung/testing';

/** GET /v1/session (the dashboard page's "who am I"), and the page's own public routes. */
describe('the session endpoint and the dashboard page routes', () => {
  let t: TestApp;
  const root = join(__dirname, '..');

  beforeAll(async () => {
    if (!existsSync(join(root, 'dist', 'dashboard', 'index.html'))) execFileSync(process.execPath, [join(root, 'apps', 'dashboard', 'build.js')], { cwd: root, stdio: 'inherit' });
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers every role with the calling key and nothing else, and audits the request', async () => {
    const board = await createKey(t.url, { name: 'Board dashboard', role: 'dashboard', orgIds: ['rx1-trust'] });
    const cases: Array<[string, object]> = [
      [board.secret, { keyId: board.id, name: 'Board dashboard', roles: ['dashboard'], orgIds: ['rx1-trust'], disclosure: 'protected' }],
      [t.keys.exact, { roles: ['research'], orgIds: ['*'], disclosure: 'exact' }],
      [t.keys.research, { roles: ['research'], disclosure: 'protected' }],
      [t.keys.ingest, { roles: ['ingest'], disclosure: null }],
      [t.keys.metrics, { roles: ['metrics'], disclosure: null }],
      [t.keys.admin, { roles: ['admin'], disclosure: null }],
    ];
    for (const [key, expected] of cases) {
      const res = await request(t.app.getHttpServer() as App).get('/v1/session').set(bearer(key)).expect(200);
      expect(Object.keys(res.body).sort()).toEqual(['disclosure', 'keyId', 'name', 'orgIds', 'roles']);
      expect(res.body).toMatchObject(expected);
    }
    await request(t.app.getHttpServer() as App).get('/v1/session').expect(401);
    await request(t.app.getHttpServer() as App).get('/v1/session').set(bearer('rung_madeUpKeyThatNobodyWasEverGiven0123456789abc')).expect(401);
    const audit = await t.as('admin').get('/v1/admin/audit?action=session.show&limit=100').expect(200);
    expect(audit.body.entries.filter((e: { keyId: string; status: number }) => e.keyId === board.id && e.status === 200)).toHaveLength(1);
  });

  it('serves the page at / and its built assets under /dashboard/ without a key, under a CSP with no inline script', async () => {
    const server = t.app.getHttpServer() as App;
    const page = await request(server).get('/').expect(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    const refs = [...page.text.matchAll(/(?:src|href)="([^"#]+)"/g)].map((m) => m[1]);
    expect(refs).toEqual(expect.arrayContaining(['/dashboard/app.js', '/dashboard/style.css']));
    for (const ref of refs) {
      expect(ref.startsWith('/dashboard/')).toBe(true);
      await request(server).get(ref).expect(200);
    }
    expect((await request(server).get('/dashboard/app.js')).headers['content-type']).toMatch(/^text\/javascript/);
    for (const bad of ['/dashboard/..%2Fpackage.json', '/dashboard/nothing.js', '/dashboard/index.html', '/dashboard/%2E%2E%2F%2E%2E%2Fpackage.json']) {
      const res = await request(server).get(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 404 });
    }
    // Everything else is still behind the guard.
    await request(server).get('/v1/indicators?orgId=rx1-trust&from=2024-01-01&to=2024-12-31').expect(401);
  });

  it('sends the script gzipped to clients that accept it, and an unchanged file as a 304', async () => {
    const server = t.app.getHttpServer() as App;
    const built = readFileSync(join(root, 'dist', 'dashboard', 'app.js'), 'utf8');
    const plain = await request(server).get('/dashboard/app.js').set('accept-encoding', 'identity').expect(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(Buffer.byteLength(built));
    const gzipped = await request(server).get('/dashboard/app.js').set('accept-encoding', 'br, gzip;q=0.8').expect(200);
    expect(gzipped.headers['content-encoding']).toBe('gzip');
    expect(Number(gzipped.headers['content-length'])).toBeLessThan(Buffer.byteLength(built) / 2);
    expect(gzipped.text).toBe(built);
    expect(gzipped.headers.vary).toMatch(/Accept-Encoding/i);
    const refused = await request(server).get('/dashboard/app.js').set('accept-encoding', 'gzip;q=0').expect(200);
    expect(refused.headers['content-encoding']).toBeUndefined();
    // One weak ETag names the file under either coding; the page revalidates on every load.
    expect(gzipped.headers.etag).toBe(plain.headers.etag);
    expect(plain.headers.etag).toMatch(/^W\/"[\w-]+"$/);
    expect(plain.headers['cache-control']).toBe('no-cache');
    const again = await request(server).get('/dashboard/app.js').set('if-none-match', plain.headers.etag).expect(304);
    expect(again.text ?? '').toBe('');
    await request(server).get('/dashboard/style.css').set('if-none-match', plain.headers.etag).expect(200);
    await request(server).get('/').set('if-none-match', `"other", ${(await request(server).get('/')).headers.etag}`).expect(304);
  });
});
