export interface ProgressOutput {
  isTTY?: boolean;
  write(text: string): unknown;
}

const BAR_WIDTH = 28;
const TTY_EVERY_MS = 100;
const PLAIN_EVERY_MS = 5_000;

/**
 * A progress bar with a rate and an ETA on a terminal, redrawn in place with \r; plain lines every few
 * seconds when the output is a file or a pipe (a CI log, a cron job).
 */
export class Progress {
  private readonly startedAt: number;
  private lastDrawn = -Infinity;
  private doneUnits = 0;
  private events = 0;

  constructor(
    private readonly out: ProgressOutput,
    private readonly totalUnits: number,
    private readonly startUnits = 0,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.startedAt = now();
    this.doneUnits = startUnits;
  }

  update(doneUnits: number, events: number): void {
    this.doneUnits = doneUnits;
    this.events = events;
    const t = this.now();
    if (t - this.lastDrawn < (this.out.isTTY ? TTY_EVERY_MS : PLAIN_EVERY_MS)) return;
    this.lastDrawn = t;
    this.draw();
  }

  finish(): void {
    this.draw();
    if (this.out.isTTY) this.out.write('\n');
  }

  /** The line as drawn: bar, share done, events, events per second and time left. */
  line(): string {
    const seconds = Math.max((this.now() - this.startedAt) / 1000, 1e-3);
    const share = this.totalUnits > 0 ? Math.min(1, this.doneUnits / this.totalUnits) : 1;
    const unitsPerSecond = (this.doneUnits - this.startUnits) / seconds;
    const eta = unitsPerSecond > 0 ? (this.totalUnits - this.doneUnits) / unitsPerSecond : Infinity;
    const filled = Math.round(share * BAR_WIDTH);
    const bar = `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`;
    return `${bar} ${(share * 100).toFixed(1)}%  ${this.events.toLocaleString('en-GB')} events  ${Math.round(this.events / seconds).toLocaleString('en-GB')} events/s  ETA ${formatDuration(eta)}`;
  }

  private draw(): void {
    this.out.write(this.out.isTTY ? `\r${this.line()}\u001b[K` : `${this.line()}\n`);
  }
}

export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '--:--';
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const mmss = `${String(m).padStart(h ? 2 : 1, '0')}:${String(s % 60).padStart(2, '0')}`;
  return h ? `${h}:${mmss}` : mmss;
}
