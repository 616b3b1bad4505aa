import { readFileSync } from 'node:fs';
import type { ProgressOutput } from '../console/progress';
import { Progress } from '../console/progress';
import { RetractionOrder } from '../http/retraction-order';
import { InOrderPipeline } from '../http/in-order-pipeline';
import { RungClient, type EventResult } from '../http/rung-client';
import { identify, readCheckpoint, sameFile, writeCheckpoint, type Checkpoint } from './checkpoint';
import { detectDelimiter, formatCsvRecord, parseCsvRecord, sepHint } from './csv';
import { RowMapper, withEventId, type CsvMapping, type RowResult } from './mapping';
import { readRecords, type RawRecord } from './record-reader';
import { RejectedRowsFile, type RejectedRow } from './rejected-rows';

export type ImportFormat = 'ndjson' | 'csv';

export interface ImportOptions {
  file: string;
  url: string;
  format: ImportFormat;
  mapping?: CsvMapping;
  apiKey?: string;
  batchSize: number;
  concurrency: number;
  /** Ignore an existing checkpoint and import the file from its start. */
  restart: boolean;
  retryForMs: number;
  /** Where the progress bar and retry notices go (stderr). */
  console: ProgressOutput;
}

export interface ImportSummary {
  file: string;
  format: ImportFormat;
  records: number;
  accepted: number;
  duplicates: number;
  rejected: number;
  rejectedFile: string;
  checkpointFile: string;
  resumedFromLine: number | null;
  alreadyComplete: boolean;
  seconds: number;
  /** Why the import stopped, when it did not finish (the server unreachable, a refused key, …). */
  error?: string;
}

/** The import stopped part way; `summary` tells how far it got (up to the checkpoint) and why. */
export class ImportFailed extends Error {
  constructor(message: string, readonly summary: ImportSummary) {
    super(message);
    this.name = 'ImportFailed';
  }
}

/** A record read and mapped, with the text of it that may go into the rejected-rows file (null: none may). */
interface Parsed {
  result: RowResult;
  record: string | null;
}
type Parser = (record: RawRecord) => Parsed;

interface Batch {
  events: unknown[];
  sent: Array<{ line: number; record: string | null }>;
  rejected: RejectedRow[];
  records: number;
  end: number;
  nextLine: number;
}

interface Acknowledged {
  batch: Batch;
  results: EventResult[];
}

/**
 * Imports a file into Rung in batches, resumably: after each batch the server has acknowledged, the
 * rejected rows are made durable and then a checkpoint is written. A resumed run starts after the last
 * checkpoint and sends the batches that were in flight again, which Rung reports as duplicates.
 */
export async function importFile(options: ImportOptions): Promise<ImportSummary> {
  const startedAt = performance.now();
  const paths = { checkpoint: `${options.file}.checkpoint.json`, rejected: `${options.file}.rejected.ndjson` };
  const identity = identify(options.file);
  const previous = options.restart ? undefined : readCheckpoint(paths.checkpoint);
  if (previous && (!sameFile(previous.file, identity) || previous.format !== options.format)) {
    throw new Error(`${paths.checkpoint} belongs to another version or format of ${options.file}; pass --restart to import it from the start`);
  }
  const state: Checkpoint = previous ?? {
    version: 1, file: identity, format: options.format, offset: 0, line: 1, records: 0, accepted: 0, duplicates: 0, rejected: 0, rejectedBytes: 0, complete: false,
  };
  const resumedFromLine = previous && !previous.complete ? previous.line : null;
  const summary = (alreadyComplete: boolean): ImportSummary => ({
    file: options.file, format: options.format, records: state.records, accepted: state.accepted, duplicates: state.duplicates, rejected: state.rejected,
    rejectedFile: paths.rejected, checkpointFile: paths.checkpoint, resumedFromLine, alreadyComplete,
    seconds: Math.round((performance.now() - startedAt) / 100) / 10,
  });
  if (state.complete) return summary(true);
  const parse = await recordParser(options, state);
  if (resumedFromLine !== null) options.console.write(`rung import: resuming from line ${resumedFromLine} (${paths.checkpoint})\n`);
  const rejects = new RejectedRowsFile(paths.rejected, state.rejectedBytes);
  try {
    await run(options, state, parse, rejects, paths.checkpoint);
  } catch (error) {
    const message = (error as Error).message;
    throw new ImportFailed(message, { ...summary(false), error: message });
  } finally {
    rejects.close();
  }
  return summary(false);
}

async function run(options: ImportOptions, state: Checkpoint, parse: Parser, rejects: RejectedRowsFile, checkpointPath: string): Promise<void> {
  const client = new RungClient(options.url, options.apiKey, { retryForMs: options.retryForMs, firstDelayMs: 250, maxDelayMs: 10_000 }, (reason, delay) => {
    options.console.write(`\nrung import: ${reason}; retrying in ${(delay / 1000).toFixed(1)} s\n`);
  });
  const progress = new Progress(options.console, state.file.size, state.offset);
  const sentBefore = state.accepted + state.duplicates + state.rejected;
  const order = new RetractionOrder();
  const pipeline = new InOrderPipeline<Acknowledged>(options.concurrency, ({ batch, results }) => {
    order.acknowledged(batch.events);
    commit(state, batch, results, rejects);
    writeCheckpoint(checkpointPath, state);
    progress.update(state.offset, state.accepted + state.duplicates + state.rejected - sentBefore);
  });
  const dispatch = async (batch: Batch): Promise<void> => {
    if (order.mustWait(batch.events)) await pipeline.drain();
    order.sent(batch.events);
    return pipeline.push(async () => ({ batch, results: batch.events.length ? await client.postBatch(batch.events) : [] }));
  };
  let batch = newBatch(state.offset, state.line);
  for await (const record of readRecords(options.file, { offset: state.offset, line: state.line }, options.format === 'csv')) {
    add(batch, record, parse);
    if (batch.events.length >= options.batchSize) {
      await dispatch(batch);
      batch = newBatch(batch.end, batch.nextLine);
    }
  }
  if (batch.end > state.offset || batch.records) await dispatch(batch);
  await pipeline.drain();
  state.complete = true;
  writeCheckpoint(checkpointPath, state);
  progress.finish();
}

function add(batch: Batch, record: RawRecord, parse: Parser): void {
  batch.end = record.end;
  batch.nextLine = record.nextLine;
  if (record.text.trim() === '') return;
  batch.records += 1;
  const { result, record: text } = parse(record);
  if (result.ok) {
    batch.events.push(result.event);
    batch.sent.push({ line: record.line, record: text });
  } else {
    batch.rejected.push({ line: record.line, errors: result.errors, record: text });
  }
}

function commit(state: Checkpoint, batch: Batch, results: EventResult[], rejects: RejectedRowsFile): void {
  const refused: RejectedRow[] = [];
  results.forEach((result, i) => {
    if (result.status === 'stored') state.accepted += 1;
    else if (result.status === 'duplicate') state.duplicates += 1;
    else refused.push({ line: batch.sent[i].line, eventId: result.eventId, errors: result.errors ?? [], record: batch.sent[i].record });
  });
  const rows = [...batch.rejected, ...refused].sort((a, b) => a.line - b.line);
  rejects.append(rows);
  state.rejected += rows.length;
  state.records += batch.records;
  state.rejectedBytes = rejects.sync();
  state.offset = batch.end;
  state.line = batch.nextLine;
}

function newBatch(end: number, nextLine: number): Batch {
  return { events: [], sent: [], rejected: [], records: 0, end, nextLine };
}

/**
 * NDJSON lines are events as they are; CSV records go through the header and the mapping. The delimiter
 * (`,` `;` or tab) is the one a first line `sep=X` (Excel's hint) names, or else the one the header uses.
 */
async function recordParser(options: ImportOptions, state: Checkpoint): Promise<Parser> {
  if (options.format === 'ndjson') return (record) => ({ result: parseNdjson(record.text), record: record.text });
  const { header, delimiter } = await csvHeader(options.file);
  const mapper = new RowMapper(parseCsvRecord(header.text, delimiter), options.mapping);
  if (mapper.ignoredColumns.length) options.console.write(`rung import: ignoring columns ${mapper.ignoredColumns.map((c) => `'${c}'`).join(', ')} (not mapped)\n`);
  if (state.offset === 0) {
    state.offset = header.end;
    state.line = header.nextLine;
  }
  const ignored = new Set(mapper.ignoredIndexes);
  return (record) => {
    let cells: string[];
    try {
      cells = parseCsvRecord(record.text, delimiter);
    } catch (error) {
      const result: RowResult = { ok: false, errors: [{ path: '', message: `malformed CSV: ${(error as Error).message}` }] };
      return { result, record: ignored.size ? null : record.text };
    }
    return { result: mapper.map(cells), record: rejectable(record.text, cells) };
  };

  /**
   * The row as it may go into the rejected-rows file: as it stands when the file has no ignored column;
   * else with the ignored cells emptied, or nothing when the row does not line up with the header (any of
   * its cells might then be an ignored column's: a name, an e-mail address).
   */
  function rejectable(text: string, cells: string[]): string | null {
    if (!ignored.size) return text;
    if (cells.length !== mapper.columnCount) return null;
    return formatCsvRecord(cells.map((cell, i) => (ignored.has(i) ? '' : cell)), delimiter);
  }
}

async function csvHeader(file: string): Promise<{ header: RawRecord; delimiter: string }> {
  let hint: string | undefined;
  let first = true;
  for await (const record of readRecords(file, { offset: 0, line: 1 }, true)) {
    const text = first ? record.text.replace(/^\uFEFF/, '') : record.text;
    if (first) {
      first = false;
      hint = sepHint(text);
      if (hint !== undefined) continue;
    }
    return { header: { ...record, text }, delimiter: hint ?? detectDelimiter(text) };
  }
  throw new Error(`${file} is empty: a CSV file starts with a header row`);
}

export function parseNdjson(text: string): RowResult {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(error as Error).message}` }] };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, errors: [{ path: '', message: 'a line must hold one JSON object: an event' }] };
  }
  return { ok: true, event: withEventId(value as Record<string, unknown>) };
}

export function loadMapping(path: string): CsvMapping {
  return JSON.parse(readFileSync(path, 'utf8')) as CsvMapping;
}
