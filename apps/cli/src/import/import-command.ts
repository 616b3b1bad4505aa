import { existsSync } from 'node:fs';
import { API_KEY_OPTIONS, apiKeyFlag, numberFlag, parseFlags, stringFlag, urlFlag, UsageError } from '../console/args';
import type { Io } from '../simulate/simulate-command';
import { ImportFailed, importFile, loadMapping, type ImportFormat, type ImportSummary } from './importer';

export const IMPORT_USAGE = `rung import FILE [--url http://127.0.0.1:3000] [--format ndjson|csv] [--mapping mapping.json]
              [--api-key KEY | --api-key-file FILE] [--batch 1000] [--concurrency 2] [--restart] [--retry-for 300]
  Loads NDJSON events or CSV rows (see apps/cli/IMPORTING.md) into Rung. Resumes from FILE.checkpoint.json after an
  interruption; writes rejected rows with their reasons to FILE.rejected.ndjson.
  Exit status: 0 all imported, 3 imported with rejected rows, 1 failed (run it again to resume), 2 usage.`;

const OPTIONS = {
  url: { type: 'string' }, format: { type: 'string' }, mapping: { type: 'string' }, batch: { type: 'string' }, concurrency: { type: 'string' },
  restart: { type: 'boolean' }, 'retry-for': { type: 'string' }, ...API_KEY_OPTIONS,
} as const;

export async function importCommand(argv: string[], io: Io): Promise<number> {
  const { flags, positionals } = parseFlags(argv, OPTIONS);
  if (positionals.length !== 1) throw new UsageError('name one file to import');
  const file = positionals[0];
  if (!existsSync(file)) throw new UsageError(`${file} does not exist`);
  const format = formatOf(file, stringFlag(flags, 'format'));
  const mappingFile = stringFlag(flags, 'mapping');
  if (mappingFile && format !== 'csv') throw new UsageError('--mapping applies to CSV files only');
  const onInterrupt = (): void => {
    io.stderr.write(`\nrung import: interrupted; everything up to the last checkpoint is kept. To resume, run:\n  ${resumeHint(argv)}\n`);
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  let summary: ImportSummary;
  try {
    summary = await importFile({
      file, format, url: urlFlag(flags, 'url', 'http://127.0.0.1:3000')!, mapping: mappingFile ? loadMapping(mappingFile) : undefined,
      apiKey: apiKeyFlag(flags), batchSize: numberFlag(flags, 'batch', { integer: true, min: 1, max: 1000 }) ?? 1000,
      concurrency: numberFlag(flags, 'concurrency', { integer: true, min: 1, max: 16 }) ?? 2, restart: flags.restart === true,
      retryForMs: (numberFlag(flags, 'retry-for', { min: 0, max: 86_400 }) ?? 300) * 1000, console: io.stderr,
    });
  } catch (error) {
    if (!(error instanceof ImportFailed)) throw error;
    io.stderr.write(`\nrung import: ${error.message}\nrung import: stopped; to resume, run:\n  ${resumeHint(argv)}\n`);
    io.stdout.write(`${JSON.stringify(error.summary)}\n`);
    return 1;
  } finally {
    process.removeListener('SIGINT', onInterrupt);
  }
  if (summary.alreadyComplete) io.stderr.write(`rung import: ${file} was imported already (see ${summary.checkpointFile}); pass --restart to import it again\n`);
  io.stdout.write(`${JSON.stringify(summary)}\n`);
  return summary.rejected ? 3 : 0;
}

/**
 * The command that resumes this import: the same arguments, without `--restart` (which would start over).
 * An API key given on the command line is not repeated, so that it does not end up in a log.
 */
export function resumeHint(argv: string[]): string {
  const args: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--restart') continue;
    if (arg === '--api-key' && i + 1 < argv.length) {
      args.push(arg, '<API key>');
      i += 1;
    } else if (arg.startsWith('--api-key=')) args.push('--api-key=<API key>');
    else args.push(arg);
  }
  return ['rung', 'import', ...args].map(shellQuote).join(' ');
}

function shellQuote(arg: string): string {
  if (arg === '<API key>' || arg === '--api-key=<API key>') return arg;
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function formatOf(file: string, flag: string | undefined): ImportFormat {
  if (flag === undefined) return /\.csv$/i.test(file) ? 'csv' : 'ndjson';
  if (flag === 'csv' || flag === 'ndjson') return flag;
  throw new UsageError(`--format must be ndjson or csv (got '${flag}')`);
}
