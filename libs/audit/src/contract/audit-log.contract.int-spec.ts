import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openMongoConnection } from '@rung/event-store';
import { describeOnMongo, uniqueDbName, type MongoEndpoint } from '@rung/testing';
import type { Connection } from 'mongoose';
import { EmbeddedAuditLog } from '../embedded/embedded-audit-log';
import { AUDIT_COLLECTION } from '../mongo/audit-documents';
import { MongoAuditLog } from '../mongo/mongo-audit-log';
import { describeAuditLogContract, type AuditLogHarness } from './audit-log.contract';

/** The file's lines, edited in place as someone with access to the data directory could. */
function editLines(path: string, edit: (lines: string[], indexOf: (seq: number) => number) => void): void {
  const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
  edit(lines, (seq) => lines.findIndex((l) => l.startsWith(`{"seq":${seq},`)));
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
}

/** One byte of the action's first letter, flipped. */
function flipFirstLetterOf(text: string, after: string): string {
  const at = text.indexOf(after) + after.length;
  return `${text.slice(0, at)}${text[at] === 'x' ? 'y' : 'x'}${text.slice(at + 1)}`;
}

async function embeddedHarness(): Promise<AuditLogHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'rung-audit-contract-'));
  const path = join(dataDir, 'audit', 'audit.log');
  return {
    open: () => EmbeddedAuditLog.open({ dataDir }),
    changeOneByte: async (seq) => editLines(path, (lines, indexOf) => {
      lines[indexOf(seq)] = flipFirstLetterOf(lines[indexOf(seq)], '"action":"');
    }),
    remove: async (seq) => editLines(path, (lines, indexOf) => lines.splice(indexOf(seq), 1)),
    swap: async (a, b) => editLines(path, (lines, indexOf) => {
      const [i, j] = [indexOf(a), indexOf(b)];
      [lines[i], lines[j]] = [lines[j], lines[i]];
    }),
    dispose: async () => rmSync(dataDir, { recursive: true, force: true }),
  };
}

/** Each log gets its own connection, as separate processes would; tampering goes through the raw collection. */
async function mongoHarness(endpoint: MongoEndpoint): Promise<AuditLogHarness> {
  const uri = endpoint.uriFor(uniqueDbName('audit'));
  const connections: Connection[] = [];
  const raw = () => connections[0].collection(AUDIT_COLLECTION);
  return {
    open: async () => {
      const connection = await openMongoConnection(uri);
      connections.push(connection);
      return MongoAuditLog.open({ connection });
    },
    changeOneByte: async (seq) => {
      const doc = await raw().findOne({ seq });
      await raw().updateOne({ seq }, { $set: { action: flipFirstLetterOf(String(doc?.action), '') } });
    },
    remove: async (seq) => {
      await raw().deleteOne({ seq });
    },
    swap: async (a, b) => {
      await raw().updateOne({ seq: a }, { $set: { seq: -1 } });
      await raw().updateOne({ seq: b }, { $set: { seq: a } });
      await raw().updateOne({ seq: -1 }, { $set: { seq: b } });
    },
    dispose: async () => {
      await connections[0]?.dropDatabase();
      await Promise.all(connections.map((c) => c.close()));
    },
  };
}

describeAuditLogContract('embedded file', embeddedHarness, { sharedWriters: false });

describeOnMongo('MongoAuditLog', (endpoint) => {
  describeAuditLogContract('mongo', () => mongoHarness(endpoint()), { sharedWriters: true });
});
