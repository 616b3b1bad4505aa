import { formatDuration, Progress } from './progress';

function recorder(isTTY: boolean): { isTTY: boolean; text: string; write(t: string): void } {
  return { isTTY, text: '', write(t: string) { this.text += t; } };
}

describe('Progress', () => {
  it('redraws one line in place on a terminal, with share, events, rate and ETA', () => {
    let now = 0;
    const out = recorder(true);
    const progress = new Progress(out, 1000, 0, () => now);
    now = 2000;
    progress.update(250, 5000);
    expect(out.text).toBe('\r[#######---------------------] 25.0%  5,000 events  2,500 events/s  ETA 0:06\u001b[K');
    now = 2050;
    progress.update(300, 6000);
    expect(out.text.split('\r')).toHaveLength(2);
    progress.finish();
    expect(out.text.endsWith('\n')).toBe(true);
  });

  it('prints plain lines at most every five seconds when not on a terminal, rating only this run', () => {
    let now = 0;
    const out = recorder(false);
    const progress = new Progress(out, 1000, 500, () => now);
    now = 1000;
    progress.update(600, 100);
    now = 2000;
    progress.update(700, 200);
    now = 7000;
    progress.update(800, 300);
    const lines = out.text.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain('60.0%');
    expect(lines[1]).toMatch(/80\.0% {2}300 events {2}43 events\/s {2}ETA 0:05$/);
    expect(out.text).not.toContain('\r');
  });

  it('formats durations', () => {
    expect([formatDuration(5), formatDuration(65), formatDuration(3725), formatDuration(Infinity)]).toEqual(['0:05', '1:05', '1:02:05', '--:--']);
  });
});
