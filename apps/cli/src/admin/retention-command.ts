import { parseFlags, stringFlag, UsageError } from '../console/args';
import type { Io } from '../simulate/simulate-command';
import { ADMIN_OPTIONS, adminClient } from './admin-flags';

export const RETENTION_USAGE = `rung retention --dry-run [--as-of YYYY-MM-DD] [--url http://127.0.0.1:3000] [--api-key KEY | --api-key-file ./.secrets/admin.key]
  Prints how many leavers, per organisation, the retention job would erase (as of today, or --as-of).
  Erasure itself runs as a scheduled job while RETENTION_YEARS_AFTER_EXIT is set.`;

const NOT_A_RUN = 'retention is not run from the command line: it runs as a scheduled job every RETENTION_RUN_HOURS '
  + 'while RETENTION_YEARS_AFTER_EXIT is set, and each run is audited as retention.run. Use --dry-run to see who it would erase.';

interface Plan {
  asOf: string;
  years: number | null;
  byOrg: Array<{ orgId: string; subjects: number }>;
  total: number;
}

export async function retentionCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv, { ...ADMIN_OPTIONS, 'dry-run': { type: 'boolean' }, 'as-of': { type: 'string' } });
  if (flags.help === true) {
    io.stdout.write(`usage:\n  ${RETENTION_USAGE}\n`);
    return 0;
  }
  if (positionals.length) throw new UsageError('the retention command takes no arguments');
  if (flags['dry-run'] !== true) {
    io.stderr.write(`rung retention: ${NOT_A_RUN}\n`);
    return 2;
  }
  const asOf = stringFlag(flags, 'as-of');
  const plan = await adminClient(flags).get<Plan>(`/v1/admin/retention${asOf ? `?asOf=${encodeURIComponent(asOf)}` : ''}`);
  io.stdout.write(describe(plan));
  return 0;
}

function describe(plan: Plan): string {
  if (plan.years === null) return `retention is off (RETENTION_YEARS_AFTER_EXIT is unset): nobody would be erased as of ${plan.asOf}\n`;
  const lines = plan.byOrg.map((o) => `  ${o.orgId}: ${o.subjects}\n`);
  return `${plan.total} leaver(s) more than ${plan.years} year(s) after their last exit would be erased as of ${plan.asOf}\n${lines.join('')}`;
}
