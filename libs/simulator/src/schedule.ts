interface Step {
  day: number;
  seq: number;
  run: (day: number) => void;
}

/** Things that happen on a later day (a shortlisting, an outcome, a hire), run month by month in day order. */
export class Schedule {
  private readonly buckets: Step[][];
  private seq = 0;

  /** `grid[m]` is the first day of month m; the last entry is the day after the end. */
  constructor(private readonly grid: readonly number[]) {
    this.buckets = grid.slice(1).map(() => []);
  }

  /** Steps after the end of the simulation never happen. */
  at(day: number, run: (day: number) => void): void {
    const month = this.monthOf(day);
    if (month !== undefined) heapPush(this.buckets[month], { day, seq: this.seq++, run });
  }

  /** Runs the steps of month m in day order, including steps that running them adds to the same month. */
  runMonth(month: number): void {
    const bucket = this.buckets[month];
    for (let step = heapPop(bucket); step; step = heapPop(bucket)) step.run(step.day);
  }

  monthOf(day: number): number | undefined {
    if (day < this.grid[0] || day >= this.grid[this.grid.length - 1]) return undefined;
    let lo = 0;
    let hi = this.grid.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.grid[mid] <= day) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

function before(a: Step, b: Step): boolean {
  return a.day < b.day || (a.day === b.day && a.seq < b.seq);
}

function heapPush(heap: Step[], step: Step): void {
  heap.push(step);
  for (let i = heap.length - 1; i > 0; ) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i], heap[parent])) break;
    [heap[i], heap[parent]] = [heap[parent], heap[i]];
    i = parent;
  }
}

function heapPop(heap: Step[]): Step | undefined {
  const top = heap[0];
  const last = heap.pop();
  if (heap.length && last) {
    heap[0] = last;
    for (let i = 0; ; ) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && before(heap[l], heap[m])) m = l;
      if (r < heap.length && before(heap[r], heap[m])) m = r;
      if (m === i) break;
      [heap[i], heap[m]] = [heap[m], heap[i]];
      i = m;
    }
  }
  return top;
}
