import { parseFlags, UsageError } from '../console/args';
import type { Io } from '../simulate/simulate-command';
import { ADMIN_OPTIONS, adminClient } from './admin-flags';

export const AUDIT_USAGE = `rung audit verify [--url http://127.0.0.1:3000] [--api-key KEY | --api-key-file ./.secrets/admin.key]
  Checks the hash chain of the stored audit log. Exit status: 0 intact, 1 tampered (each problem is printed), 2 usage.`;

interface Verification {
  ok: boolean;
  entries: number;
  head: string | null;
  problems: Array<{ seq: number | null; kind: string; detail: string }>;
}

export async function auditCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv, ADMIN_OPTIONS);
  if (flags.help === true) {
    io.stdout.write(`usage:\n  ${AUDIT_USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'verify') throw new UsageError('the audit command has one action: verify');
  const result = await adminClient(flags).get<Verification>('/v1/admin/audit/verify');
  for (const p of result.problems) io.stdout.write(`entry ${p.seq ?? '?'}: ${p.kind}: ${p.detail}\n`);
  io.stdout.write(result.ok ? `audit log intact: ${result.entries} entries, head ${result.head}\n` : `audit log NOT intact: ${result.problems.length} problem(s) in ${result.entries} entries\n`);
  return result.ok ? 0 : 1;
}
