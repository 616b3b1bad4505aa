import { existsSync } from 'node:fs';
import { loadConfig, type RungConfig } from '@rung/platform';
import { parseFlags, stringFlag, UsageError, type Flags } from '../console/args';
import type { Io } from '../simulate/simulate-command';
import { runEncryptMigration, type MigrationReport } from './run-migration';

export const MIGRATE_USAGE = `rung migrate encrypt [--data-dir DIR] [--store embedded|mongo] [--mongo-url URL]
  Seals every event stored before encryption at rest, under subject keys wrapped by the master key.
  Reads the environment as the server does (DATA_KEY_SECRET or DATA_KEY_SECRET_FILE, …); the flags
  override DATA_DIR, STORE and MONGO_URL. Offline: stop every Rung process using the store first.
  Safe to kill and to run again: a rerun resumes, and once done seals nothing.`;

const OPTIONS = { 'data-dir': { type: 'string' }, store: { type: 'string' }, 'mongo-url': { type: 'string' }, help: { type: 'boolean' } } as const;

/** An offline server tool: it reads the server's environment, as boot.ts does for the server. */
// eslint-disable-next-line no-restricted-syntax
export async function migrateCommand(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const { flags, positionals } = parseFlags(argv, OPTIONS);
  if (flags.help === true) {
    io.stdout.write(`usage:\n  ${MIGRATE_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'encrypt') throw new UsageError(positionals.length ? `unknown migration '${positionals.join(' ')}'` : 'name a migration: encrypt');
  const config = loadConfig(withFlags(env, flags));
  io.stderr.write(`${describeTarget(config)}\n`);
  io.stdout.write(describeReport(await runEncryptMigration(config)));
  return 0;
}

function withFlags(env: NodeJS.ProcessEnv, flags: Flags): NodeJS.ProcessEnv {
  const given = { DATA_DIR: stringFlag(flags, 'data-dir'), STORE: stringFlag(flags, 'store'), MONGO_URL: stringFlag(flags, 'mongo-url') };
  return { ...env, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) };
}

/** Names the master key's source, so that an operator notices a key file generated in the wrong place. */
function describeTarget(config: RungConfig): string {
  const store = config.store === 'mongo' ? 'the MongoDB store at MONGO_URL' : `the embedded store in ${config.dataDir}`;
  const file = config.dataKeySecretFile;
  const master = config.dataKeySecret ? 'DATA_KEY_SECRET' : `${file}${existsSync(file) ? '' : ' (generated now: back it up apart from the data)'}`;
  return `Sealing the plaintext events of ${store}, with the master key from ${master}.`;
}

function describeReport(report: MigrationReport): string {
  const lines = [`Sealed ${report.sealed} events of ${report.subjects} subjects; ${report.alreadySealed} were already sealed.`];
  if (report.shredded) lines.push(`${report.shredded} of them belong to erased subjects: sealed under keys that were thrown away, they cannot be read.`);
  if (report.store === 'embedded') lines.push(...embeddedNotes(report));
  if (report.sealed || (report.store === 'embedded' && report.outcome === 'finished-swap')) lines.push(plaintextWarning(report));
  return `${lines.join('\n')}\n`;
}

function embeddedNotes(report: Extract<MigrationReport, { store: 'embedded' }>): string[] {
  switch (report.outcome) {
    case 'no-journal': return ['There is no journal.log in this data directory: nothing to do.'];
    case 'nothing-to-seal': return ['journal.log holds no plaintext event: it was left as it is.'];
    case 'finished-swap': return ['Finished replacing journal.log, which an interrupted run had begun.'];
    case 'migrated': return [
      ...(report.resumedAfter ? [`Resumed after ${report.resumedAfter} events written by an interrupted run.`] : []),
      'journal.log was replaced by its sealed copy; the old one was overwritten with zeros and removed.',
      ...(report.tornTails ? ['The torn/ directory holds torn journal tails cut off at start-up, which may hold plaintext: delete it once you have no use for it.'] : []),
    ];
  }
}

function plaintextWarning(report: MigrationReport): string {
  const where = report.store === 'mongo' ? 'backups, snapshots and the oplog' : 'backups and snapshots';
  return `Warning: ${where} taken before this migration still hold these events in plaintext; they age out only as you expire them.`;
}
