import { parseFlags, stringFlag, UsageError } from '../console/args';
import type { Io } from '../simulate/simulate-command';
import { ADMIN_OPTIONS, adminClient } from './admin-flags';

export const KEYS_USAGE = `rung keys create --role ingest|research|dashboard|admin [--role …] --org ORG [--org …] [--name NAME] [--disclosure protected|exact]
  rung keys list
  rung keys revoke KEY_ID
              [--url http://127.0.0.1:3000] [--api-key KEY | --api-key-file ./.secrets/admin.key]
  Manages API keys through the admin API with an admin key. --org '*' grants every organisation.
  The secret of a new key is printed once; Rung keeps only its hash.`;

const OPTIONS = {
  ...ADMIN_OPTIONS, role: { type: 'string', multiple: true }, org: { type: 'string', multiple: true }, name: { type: 'string' }, disclosure: { type: 'string' },
} as const;

interface KeyLike {
  id: string;
  name: string;
  roles: string[];
  orgIds: string[];
  disclosure: string | null;
  createdAt: string;
  revokedAt: string | null;
  secret?: string;
}

export async function keysCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv, OPTIONS);
  if (flags.help === true) {
    io.stdout.write(`usage:\n  ${KEYS_USAGE}\n`);
    return 0;
  }
  const [action, ...rest] = positionals;
  const client = adminClient(flags);
  switch (action) {
    case 'create': {
      const roles = (flags.role as unknown as string[] | undefined) ?? [];
      const orgIds = (flags.org as unknown as string[] | undefined) ?? [];
      if (!roles.length || !orgIds.length) throw new UsageError('keys create needs at least one --role and one --org');
      const disclosure = stringFlag(flags, 'disclosure');
      const key = await client.post<KeyLike>('/v1/admin/keys', { name: stringFlag(flags, 'name') ?? `${roles.join('+')} key`, roles, orgIds, ...(disclosure ? { disclosure } : {}) });
      io.stderr.write(`Created ${key.id}. Its secret, shown this once:\n`);
      io.stdout.write(`${key.secret}\n`);
      return 0;
    }
    case 'list': {
      const { keys } = await client.get<{ keys: KeyLike[] }>('/v1/admin/keys');
      for (const k of keys) io.stdout.write(`${[k.id, k.revokedAt ? `revoked ${k.revokedAt}` : 'active', k.roles.join('+'), k.orgIds.join(','), k.disclosure ?? '-', JSON.stringify(k.name)].join('\t')}\n`);
      return 0;
    }
    case 'revoke': {
      if (rest.length !== 1) throw new UsageError('keys revoke needs one key id');
      const key = await client.delete<KeyLike>(`/v1/admin/keys/${encodeURIComponent(rest[0])}`);
      io.stdout.write(`${key.id} revoked at ${key.revokedAt}\n`);
      return 0;
    }
    default:
      throw new UsageError(action === undefined ? 'name an action: create, list or revoke' : `unknown keys action '${action}'`);
  }
}
