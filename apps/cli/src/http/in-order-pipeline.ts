/**
 * Runs up to `width` jobs at once and commits their results strictly in the order they were pushed,
 * so that a checkpoint only ever covers a prefix of the input that is fully acknowledged.
 */
export class InOrderPipeline<T> {
  private readonly inFlight: Array<Promise<T>> = [];

  constructor(
    private readonly width: number,
    private readonly commit: (result: T) => Promise<void> | void,
  ) {}

  async push(job: () => Promise<T>): Promise<void> {
    const running = job();
    // Awaited in order below; this keeps a later failure from being reported as unhandled meanwhile.
    running.catch(() => undefined);
    this.inFlight.push(running);
    if (this.inFlight.length >= this.width) await this.commitOldest();
  }

  async drain(): Promise<void> {
    while (this.inFlight.length) await this.commitOldest();
  }

  private async commitOldest(): Promise<void> {
    const result = await this.inFlight.shift()!;
    await this.commit(result);
  }
}
