import { AUDIT_USAGE, auditCommand } from './admin/audit-command';
import { KEYS_USAGE, keysCommand } from './admin/keys-command';
import { RETENTION_USAGE, retentionCommand } from './admin/retention-command';
import { UsageError } from './console/args';
import { DEMO_USAGE, demoCommand } from './demo/demo-command';
import { IMPORT_USAGE, importCommand } from './import/import-command';
import { MIGRATE_USAGE, migrateCommand } from './migrate/migrate-command';
import { SIMULATE_USAGE, simulateCommand, type Io } from './simulate/simulate-command';

type Command = { run: (argv: string[], io: Io) => Promise<number>; usage: string };

const COMMANDS: Record<string, Command> = {
  simulate: { run: simulateCommand, usage: SIMULATE_USAGE },
  import: { run: importCommand, usage: IMPORT_USAGE },
  demo: { run: demoCommand, usage: DEMO_USAGE },
  keys: { run: keysCommand, usage: KEYS_USAGE },
  audit: { run: auditCommand, usage: AUDIT_USAGE },
  retention: { run: retentionCommand, usage: RETENTION_USAGE },
  migrate: { run: migrateCommand, usage: MIGRATE_USAGE },
};

const START_USAGE = `rung start [rung|ingest|projector|query]
  Starts the all-in-one server (default), or one of the separate services.`;
const HELP = new Set(['help', '--help', '-h']);

export const USAGE = `usage:\n  ${START_USAGE}\n\n  ${SIMULATE_USAGE}\n\n  ${IMPORT_USAGE}\n\n  ${DEMO_USAGE}\n\n  ${KEYS_USAGE}\n\n  ${AUDIT_USAGE}\n\n  ${RETENTION_USAGE}\n\n  ${MIGRATE_USAGE}\n`;

/** Runs one CLI command and gives the exit status: 0 done, 1 failed, 2 usage, 3 done with rejected rows. */
export async function runCli(argv: string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  if (command === undefined || HELP.has(command)) {
    io.stdout.write(USAGE);
    return 0;
  }
  if (command === 'start' && rest.some((arg) => HELP.has(arg))) {
    io.stdout.write(`usage:\n  ${START_USAGE}\n`);
    return 0;
  }
  const found = COMMANDS[command];
  if (!found) {
    io.stderr.write(`rung: unknown command '${command}'\n${USAGE}`);
    return 2;
  }
  if (rest.some((arg) => HELP.has(arg))) {
    io.stdout.write(`usage:\n  ${found.usage}\n`);
    return 0;
  }
  try {
    return await found.run(rest, io);
  } catch (error) {
    io.stderr.write(`rung ${command}: ${(error as Error).message}\n`);
    if (error instanceof UsageError) {
      io.stderr.write(USAGE);
      return 2;
    }
    return 1;
  }
}
