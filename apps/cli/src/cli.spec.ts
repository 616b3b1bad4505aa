import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { runCliCaptured } from '@rung/testing';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const { code, stdout, stderr } = await runCliCaptured(args);
  return { code, out: stdout, err: stderr };
}

describe('rung help', () => {
  it.each([[[]], [['help']], [['--help']], [['-h']]])('given %j, then it prints every command on stdout and exits 0', async (args) => {
    const { code, out } = await run(args);
    expect(code).toBe(0);
    for (const command of ['rung start', 'rung simulate', 'rung import', 'rung demo', 'rung keys', 'rung audit', 'rung retention', 'rung migrate']) expect(out).toContain(command);
  });

  it.each(['simulate', 'import', 'demo', 'keys', 'audit', 'retention', 'migrate', 'start'])('given `rung %s --help`, then it prints that command’s usage and exits 0', async (command) => {
    const { code, out } = await run([command, '--help']);
    expect({ code, first: out.split('\n')[1].trim() }).toEqual({ code: 0, first: expect.stringMatching(new RegExp(`^rung ${command}\\b`)) });
  });

  it('given an unknown command, then it says so on stderr and exits 2', async () => {
    expect(await run(['nope'])).toMatchObject({ code: 2, err: expect.stringContaining("unknown command 'nope'") });
  });

  it('given a bare `rung` from the built bin, then it prints help instead of starting a server', () => {
    const out = execFileSync(process.execPath, [join(__dirname, '..', '..', '..', 'bin', 'rung.js')], { encoding: 'utf8', timeout: 20000 });
    expect(out).toContain('rung start');
  });
});
