import { GroupCommit } from './group-commit';

/** A commit that holds each group until released, recording what it was given. */
function gatedCommit() {
  const groups: number[][] = [];
  const gates: Array<(error?: Error) => void> = [];
  const commit = (items: number[]) => new Promise<void>((resolve, reject) => {
    groups.push(items);
    gates.push((error) => (error ? reject(error) : resolve()));
  });
  const release = async (error?: Error) => {
    await new Promise((r) => setImmediate(r));
    gates.shift()?.(error);
  };
  return { groups, commit, release };
}

describe('group commit', () => {
  it('given submissions while a commit is under way, then they all go together in the next commit', async () => {
    const gate = gatedCommit();
    const commits = new GroupCommit(gate.commit);
    const first = commits.submit([1]);
    const rest = [commits.submit([2, 3]), commits.submit([4])];
    await gate.release();
    await first;
    await gate.release();
    await Promise.all(rest);
    expect(gate.groups).toEqual([[1], [2, 3, 4]]);
  });

  it('given a commit that fails, then every caller in it is rejected, and a later group still commits', async () => {
    const gate = gatedCommit();
    const commits = new GroupCommit(gate.commit);
    const outcome = (p: Promise<void>) => p.then(() => 'ok', (e: Error) => e.message);
    const first = outcome(commits.submit([1]));
    const failing = [outcome(commits.submit([2])), outcome(commits.submit([3]))];
    await gate.release();
    await gate.release(new Error('disk full'));
    expect(await Promise.all([first, ...failing])).toEqual(['ok', 'disk full', 'disk full']);
    const later = outcome(commits.submit([4]));
    await gate.release();
    expect(await later).toBe('ok');
    expect(gate.groups).toEqual([[1], [2, 3], [4]]);
  });

  it('given a barrier, then it runs when no commit is under way, before the group queued with it', async () => {
    const gate = gatedCommit();
    const commits = new GroupCommit(gate.commit);
    const first = commits.submit([1]);
    const second = commits.submit([2]);
    const seen = commits.between(() => gate.groups.length);
    await gate.release();
    await first;
    expect(await seen).toBe(1);
    await gate.release();
    await second;
    expect(gate.groups).toEqual([[1], [2]]);
  });

  it('given nothing to commit, then it resolves without committing', async () => {
    const gate = gatedCommit();
    await new GroupCommit(gate.commit).submit([]);
    expect(gate.groups).toEqual([]);
  });
});
