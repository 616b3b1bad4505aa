import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Global, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { STORE_BACKEND, type StoreBackend } from '@rung/event-store';
import { AUDIT_LOG, type AuditLog } from './audit-log.port';
import { AuditModule } from './audit.module';
import { sampleRecords } from './contract/sample-records';
import { EmbeddedAuditLog } from './embedded/embedded-audit-log';

describe('AuditModule', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rung-audit-module-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('provides the log on the configured backend, and closes it when the application shuts down', async () => {
    @Global()
    @Module({ providers: [{ provide: STORE_BACKEND, useValue: { kind: 'embedded', dataDir } satisfies StoreBackend }], exports: [STORE_BACKEND] })
    class BackendModule {}

    const app = await Test.createTestingModule({ imports: [BackendModule, AuditModule] }).compile();
    const log = app.get<AuditLog>(AUDIT_LOG);
    expect(log).toBeInstanceOf(EmbeddedAuditLog);
    await log.append(sampleRecords(2));
    await app.close();
    await expect(log.append(sampleRecords(1))).rejects.toThrow('closed');
    const reopened = await EmbeddedAuditLog.open({ dataDir });
    expect((await reopened.verify()).entries).toBe(2);
    await reopened.close();
  });
});
