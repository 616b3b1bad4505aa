import { DomainError } from '@rung/domain';

/**
 * At most `concurrency` cold computations run at once; up to `queue` more wait their turn in order,
 * and any beyond that are refused with 429, so a burst of distinct queries cannot pile up work and
 * memory without bound.
 */
export class ColdGate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly queue: number,
  ) {}

  get active(): number {
    return this.running;
  }

  get queued(): number {
    return this.waiting.length;
  }

  async run<T>(work: () => Promise<T>): Promise<T> {
    await this.enter();
    try {
      return await work();
    } finally {
      this.leave();
    }
  }

  private async enter(): Promise<void> {
    if (this.running < this.concurrency) {
      this.running += 1;
      return;
    }
    if (this.waiting.length >= this.queue) {
      throw new DomainError(
        'too-many-requests',
        `${this.running} analytics computations are running and ${this.waiting.length} are waiting, the most allowed ` +
          `(ANALYTICS_COLD_CONCURRENCY ${this.concurrency}, ANALYTICS_COLD_QUEUE ${this.queue}). Try again in a few seconds.`,
      );
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  /** A finished computation hands its place straight to the next in line. */
  private leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }
}
