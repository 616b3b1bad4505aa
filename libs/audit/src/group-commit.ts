type Queued<T> =
  | { kind: 'items'; items: readonly T[]; resolve(): void; reject(error: unknown): void }
  | { kind: 'barrier'; run(): void };

/**
 * One writer for many callers: what is submitted while a commit is under way goes together into the
 * next one, so concurrent appends share one write (and one fdatasync). A failed commit rejects every
 * caller in it and no one else.
 */
export class GroupCommit<T> {
  private queue: Array<Queued<T>> = [];
  private flushing: Promise<void> | null = null;

  constructor(private readonly commit: (items: T[]) => Promise<void>) {}

  submit(items: readonly T[]): Promise<void> {
    if (!items.length) return Promise.resolve();
    return new Promise((resolve, reject) => this.enqueue({ kind: 'items', items, resolve, reject }));
  }

  /** Runs `fn` between commits, when no write is under way, and gives its result. */
  between<R>(fn: () => R): Promise<R> {
    return new Promise((resolve, reject) => this.enqueue({
      kind: 'barrier',
      run: () => {
        try {
          resolve(fn());
        } catch (error) {
          reject(error);
        }
      },
    }));
  }

  /** Resolves once everything submitted so far is settled. */
  async idle(): Promise<void> {
    while (this.flushing) await this.flushing;
  }

  private enqueue(item: Queued<T>): void {
    this.queue.push(item);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length) await this.commitGroup(this.queue.splice(0));
    } finally {
      this.flushing = null;
    }
  }

  private async commitGroup(group: Array<Queued<T>>): Promise<void> {
    const callers = group.filter((q) => q.kind === 'items');
    for (const q of group) if (q.kind === 'barrier') q.run();
    if (!callers.length) return;
    try {
      await this.commit(callers.flatMap((c) => c.items));
    } catch (error) {
      callers.forEach((c) => c.reject(error));
      return;
    }
    callers.forEach((c) => c.resolve());
  }
}
