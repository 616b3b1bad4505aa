import { existsSync } from 'node:fs';
import { encodeRecord } from '../embedded/journal-format';
import { JournalFile, type JournalRecord } from '../embedded/journal-file';
import { finishInterruptedSwap, migrationPaths, swapJournals, type MigrationPaths } from './migrate-journal-swap';
import { MigrationSealer, type MigrationCounts, type MigrationOptions, type StoredEvent } from './migrate-sealer';
import { isSealed } from './sealed-event';

export type EmbeddedMigrationOutcome = 'migrated' | 'nothing-to-seal' | 'finished-swap' | 'no-journal';

export interface EmbeddedMigrationResult extends MigrationCounts {
  outcome: EmbeddedMigrationOutcome;
  /** Events an earlier, interrupted run had already written to the new journal. */
  resumedAfter: number;
}

interface Target {
  journal: JournalFile;
  written: number;
  lastEventId?: string;
}

const DEFAULT_BATCH = 1000;

/**
 * Seals every plaintext event of DATA_DIR/journal.log, offline: writes the same records, sealed, in the same
 * order to DATA_DIR/migrate/journal.log, then swaps the two (migrate-journal-swap.ts). The new journal is its
 * own progress record: each batch is fdatasync'd and CRC-checked, so a rerun counts what it holds, skips as
 * many records of the old journal, and carries on.
 */
export async function migrateEmbeddedJournal(dataDir: string, options: MigrationOptions): Promise<EmbeddedMigrationResult> {
  const paths = migrationPaths(dataDir);
  const sealer = new MigrationSealer(options.keys, options.master);
  if (await finishInterruptedSwap(paths)) return { ...sealer.counts, outcome: 'finished-swap', resumedAfter: 0 };
  if (!existsSync(paths.journal)) return { ...sealer.counts, outcome: 'no-journal', resumedAfter: 0 };
  const { journal: source } = await JournalFile.open(paths.journal, () => undefined);
  let resumedAfter = 0;
  try {
    const allSealed = existsSync(paths.next) ? undefined : countIfAllSealed(source);
    if (allSealed !== undefined) return { ...sealer.counts, alreadySealed: allSealed, outcome: 'nothing-to-seal', resumedAfter };
    resumedAfter = await copySealed(source, paths, sealer, options);
  } finally {
    await source.close();
  }
  await swapJournals(paths);
  return { ...sealer.counts, outcome: 'migrated', resumedAfter };
}

/** Copies the records the new journal lacks; gives the count it already held. */
async function copySealed(source: JournalFile, paths: MigrationPaths, sealer: MigrationSealer, options: MigrationOptions): Promise<number> {
  const target = await openTarget(paths);
  const resumedAfter = target.written;
  try {
    const records = skipWritten(source.scan(), { written: resumedAfter, lastEventId: target.lastEventId }, paths);
    let batch: StoredEvent[] = [];
    for (const record of records) {
      batch.push(parse(record.payload));
      if (batch.length < (options.batchSize ?? DEFAULT_BATCH)) continue;
      await writeSealed(target, await sealer.seal(batch), options);
      batch = [];
    }
    if (batch.length) await writeSealed(target, await sealer.seal(batch), options);
  } finally {
    await target.journal.close();
  }
  return resumedAfter;
}

async function openTarget(paths: MigrationPaths): Promise<Target> {
  let written = 0;
  let last: { offset: number; length: number } | undefined;
  const { journal } = await JournalFile.open(paths.next, ({ offset, length }) => {
    written += 1;
    last = { offset, length };
  });
  const lastEventId = last ? parse(journal.readRecord(last.offset, last.length)).eventId : undefined;
  return { journal, written, lastEventId };
}

/** Skips what an earlier run wrote, after checking that it ends where the old journal does at that count. */
function* skipWritten(records: Iterable<JournalRecord>, done: Omit<Target, 'journal'>, paths: MigrationPaths): Generator<JournalRecord> {
  let skipped = 0;
  for (const record of records) {
    if (skipped === done.written) {
      yield record;
      continue;
    }
    skipped += 1;
    if (skipped === done.written && parse(record.payload).eventId !== done.lastEventId) {
      throw new Error(`${paths.next} does not continue ${paths.journal} (event ${skipped} differs); remove ${paths.workDir} and run again`);
    }
  }
  if (skipped < done.written) throw new Error(`${paths.next} holds more events than ${paths.journal}; remove ${paths.workDir} and run again`);
}

async function writeSealed(target: Target, events: StoredEvent[], options: MigrationOptions): Promise<void> {
  await target.journal.append(Buffer.concat(events.map((e) => encodeRecord(JSON.stringify(e)))));
  target.written += events.length;
  options.onProgress?.(target.written);
}

/** How many records the journal holds when all are sealed; undefined at the first plaintext one. */
function countIfAllSealed(source: JournalFile): number | undefined {
  let count = 0;
  for (const record of source.scan()) {
    if (!isSealed(parse(record.payload))) return undefined;
    count += 1;
  }
  return count;
}

function parse(payload: Buffer): StoredEvent {
  return JSON.parse(payload.toString('utf8')) as StoredEvent;
}
