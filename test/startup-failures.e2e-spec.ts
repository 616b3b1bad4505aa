import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TEST_ACCESS_ENV, TEST_SECRET } from '@rung/testing';

const BIN = join(__dirname, '..', 'bin', 'rung.js');

/** Starts the built app and waits for it to exit (each case here must end on its own). */
function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [BIN, 'start'], {
      env: { PATH: process.env.PATH ?? '', PSEUDONYM_SECRET: TEST_SECRET, LOG_LEVEL: 'info', ...TEST_ACCESS_ENV, ...env }, timeout: 60_000,
    }, (_error, _stdout, stderr) => resolve({ code: child.exitCode, stderr }));
  });
}

describe('start-up failures a user can fix: one line naming the problem and the fix, and exit status 1', () => {
  jest.setTimeout(90_000);
  let dir: string;
  let blocker: Server;
  let port: number;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rung-startup-'));
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    port = (blocker.address() as { port: number }).port;
  });
  afterAll(() => {
    blocker.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a port in use', async () => {
    const { code, stderr } = await start({ PORT: String(port), DATA_DIR: join(dir, 'data') });
    expect({ code, stderr }).toEqual({ code: 1, stderr: `rung: port ${port} on 127.0.0.1 is already in use: stop the other process, or set PORT to a free port\n` });
  });

  it('a DATA_DIR that is a file', async () => {
    const file = join(dir, 'not-a-dir');
    writeFileSync(file, 'x');
    const { code, stderr } = await start({ PORT: '0', DATA_DIR: file });
    expect(code).toBe(1);
    expect(stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(/^rung: cannot use '.*not-a-dir' \(E[A-Z]+\): DATA_DIR .* point DATA_DIR at a writable directory$/)]);
  });

  it('MongoDB out of reach', async () => {
    const { code, stderr } = await start({ PORT: '0', DATA_DIR: join(dir, 'mongo'), STORE: 'mongo', MONGO_URL: `mongodb://127.0.0.1:${port}/rung?serverSelectionTimeoutMS=1000` });
    expect({ code, stderr }).toEqual({ code: 1, stderr: 'rung: cannot reach MongoDB at MONGO_URL: start it (deploy/ has a compose file), or fix MONGO_URL\n' });
  });
});
