import { AUDIT_USAGE, auditCommand } from './admin/audit-command';
import { KEYS_USAGE, keysCommand } from './admin/keys-command';
import { RETENTION_USAGE, retentionCommand } from './admin/retention-command';
import { UsageError } from './console/args';
import { DEMO_USAGE, demoCommand } from './demo/demo-command';
import { IMPORT_USAGE, importCommand } from './import/import-command';
import { MIGRATE_USAGE, migrateCommand } from './migrate/migrate-command';
import { SIMULATE_USAGE, simulateCommand, type Io } from './simulate/simulate-command';

const COMMANDS: Record<string, (argv: string[], io: Io) => Promise<number>> = {
  simulate: simulateCommand,
  import: importCommand,
  demo: demoCommand,
  keys: keysCommand,
  audit: auditCommand,
  retention: retentionCommand,
  migrate: migrateCommand,
};

export const USAGE = `usage:\n  ${SIMULATE_USAGE}\n\n  ${IMPORT_USAGE}\n\n  ${DEMO_USAGE}\n\n  ${KEYS_USAGE}\n\n  ${AUDIT_USAGE}\n\n  ${RETENTION_USAGE}\n\n  ${MIGRATE_USAGE}\n`;

/** Runs one CLI command and gives the exit status: 0 done, 1 failed, 2 usage, 3 done with rejected rows. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) {
    io.stderr.write(command === undefined || command === 'help' || command === '--help' ? USAGE : `rung: unknown command '${command}'\n${USAGE}`);
    return command === 'help' || command === '--help' ? 0 : 2;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    io.stderr.write(`rung ${command}: ${(error as Error).message}\n`);
    if (error instanceof UsageError) {
      io.stderr.write(USAGE);
      return 2;
    }
    return 1;
  }
}
