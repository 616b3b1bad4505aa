import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import type { App } from 'supertest/types';
import { bearer, runCliCaptured, startTestApp, TEST_ADMIN_KEY, type TestApp } from '@rung/testing';

const cli = runCliCaptured;

describe('rung keys and rung audit, against a running Rung', () => {
  let t: TestApp;
  let dir: string;
  let keyFile: string;
  beforeAll(async () => {
    t = await startTestApp();
    dir = mkdtempSync(join(tmpdir(), 'rung-cli-admin-'));
    keyFile = join(dir, 'admin.key');
    writeFileSync(keyFile, `${TEST_ADMIN_KEY}\n`, { mode: 0o600 });
  });
  afterAll(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates a key whose printed secret works, lists it, and revokes it', async () => {
    const created = await cli(['keys', 'create', '--role', 'dashboard', '--org', 'rx1-trust', '--name', 'Board', '--url', t.url, '--api-key-file', keyFile]);
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    const id = /Created (k_[0-9a-f]{16})/.exec(created.stderr)![1];
    const url = '/v1/indicators?orgId=rx1-trust&from=2024-01-01&to=2024-12-31';
    await request(t.app.getHttpServer() as App).get(url).set(bearer(secret)).expect(200);

    const listed = await cli(['keys', 'list', '--url', t.url, '--api-key', TEST_ADMIN_KEY]);
    expect(listed.stdout).toContain(`${id}\tactive\tdashboard\trx1-trust\t-\t"Board"`);
    expect(listed.stdout).not.toContain(secret);

    expect((await cli(['keys', 'revoke', id, '--url', t.url, '--api-key', TEST_ADMIN_KEY])).code).toBe(0);
    await request(t.app.getHttpServer() as App).get(url).set(bearer(secret)).expect(401);
  });

  it('verifies the audit log, exiting 0 when it is intact', async () => {
    const verified = await cli(['audit', 'verify', '--url', t.url, '--api-key', TEST_ADMIN_KEY]);
    expect(verified).toMatchObject({ code: 0, stdout: expect.stringMatching(/^audit log intact: \d+ entries/) });
  });

  it('says why when the key is wrong or missing, and shows usage for a bad action', async () => {
    const wrong = await cli(['keys', 'list', '--url', t.url, '--api-key', 'rung_notAKeyAtAllButLongEnoughToLookLikeOne0000']);
    expect(wrong).toMatchObject({ code: 1, stderr: expect.stringContaining('answered 401') });
    const missing = await cli(['keys', 'list', '--url', t.url, '--api-key-file', join(dir, 'none')]);
    expect(missing).toMatchObject({ code: 2, stderr: expect.stringContaining('does not exist') });
    expect((await cli(['keys', 'rotate', '--url', t.url, '--api-key', TEST_ADMIN_KEY])).code).toBe(2);
    expect(await cli(['keys', '--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('rung keys create') });
  });
});
