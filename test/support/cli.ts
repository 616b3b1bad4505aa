import { PassThrough } from 'node:stream';
import { runCli } from '../../apps/cli/src/cli';

/** Runs one `rung` command in process and gives its exit status and what it wrote. */
export async function runCliCaptured(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const [stdout, stderr] = [new PassThrough(), new PassThrough()];
  const out: string[] = [];
  const err: string[] = [];
  stdout.on('data', (c: Buffer) => out.push(c.toString()));
  stderr.on('data', (c: Buffer) => err.push(c.toString()));
  const code = await runCli(args, { stdout, stderr });
  return { code, stdout: out.join(''), stderr: err.join('') };
}
