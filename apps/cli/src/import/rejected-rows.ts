import { closeSync, fsyncSync, ftruncateSync, openSync, writeSync } from 'node:fs';
import type { FieldError } from './mapping';

export interface RejectedRow {
  line: number;
  eventId?: string | null;
  errors: FieldError[];
  /**
   * The record as it stands in the input, to fix and import again; in a CSV file with ignored columns, with
   * their cells emptied, or null when the row does not line up with the header (see apps/cli/IMPORTING.md).
   */
  record: string | null;
}

/** The file of rejected rows next to the input, one JSON object a line, kept in step with the checkpoint. */
export class RejectedRowsFile {
  private readonly fd: number;
  private bytes: number;

  /** Opens the file and cuts it back to `keepBytes`, dropping rows of batches that were never checkpointed. */
  constructor(readonly path: string, keepBytes: number) {
    this.fd = openSync(path, 'a+');
    ftruncateSync(this.fd, keepBytes);
    this.bytes = keepBytes;
  }

  append(rows: RejectedRow[]): void {
    if (!rows.length) return;
    const text = Buffer.from(rows.map((r) => `${JSON.stringify(r)}\n`).join(''));
    writeSync(this.fd, text);
    this.bytes += text.length;
  }

  /** Makes what was appended durable, and gives the length to record in the checkpoint. */
  sync(): number {
    fsyncSync(this.fd);
    return this.bytes;
  }

  close(): void {
    closeSync(this.fd);
  }
}
