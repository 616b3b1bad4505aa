import { createHmac } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PSEUDONYM_KEY } from '@rung/platform';

/** Record keys are remembered up to this many subjects; beyond it the memo starts again (it is only a cache). */
const MEMO_LIMIT = 2_000_000;

/**
 * Each subject's secret 32-bit record key for cell-key rounding: an HMAC of the subject's pseudonym
 * under a key derived from the pseudonym secret. It must stay secret: whoever knows the keys of the
 * people in a cell can undo its rounding. Computed once per subject and process.
 */
@Injectable()
export class RecordKeys {
  private readonly secret: Buffer;
  private readonly memo = new Map<string, number>();

  constructor(@Inject(PSEUDONYM_KEY) pseudonymKey: Buffer) {
    this.secret = createHmac('sha256', pseudonymKey).update('rung/record-keys/v1').digest();
  }

  of(subjectId: string): number {
    const known = this.memo.get(subjectId);
    if (known !== undefined) return known;
    const key = createHmac('sha256', this.secret).update(subjectId).digest().readUInt32BE(0);
    if (this.memo.size >= MEMO_LIMIT) this.memo.clear();
    this.memo.set(subjectId, key);
    return key;
  }
}
