import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { importCommand, resumeHint } from './import-command';

function sink(): Writable & { text: string } {
  const out = new Writable({
    write(chunk: Buffer, _encoding, done) {
      out.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  out.text = '';
  return out;
}

describe('resumeHint', () => {
  it('repeats the command without --restart, quoting for the shell and putting a placeholder for the API key', () => {
    expect(resumeHint(['history.csv', '--url', 'http://127.0.0.1:3000', '--restart', '--batch', '500'])).toBe('rung import history.csv --url http://127.0.0.1:3000 --batch 500');
    expect(resumeHint(["HR export (Jan's).csv", '--api-key', 's3cret', '--mapping', 'map.json'])).toBe(`rung import 'HR export (Jan'\\''s).csv' --api-key <API key> --mapping map.json`);
    expect(resumeHint(['a.ndjson', '--api-key=s3cret', '--api-key-file', '/run/secrets/key'])).toBe(`rung import a.ndjson --api-key=<API key> --api-key-file /run/secrets/key`);
  });
});

describe('importCommand', () => {
  it('writes its JSON summary, with the error, when the server refuses connections, and exits 1', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(closed.address() as AddressInfo).port}`;
    await new Promise((resolve) => closed.close(resolve));
    const file = join(mkdtempSync(join(tmpdir(), 'rung-import-cmd-')), 'down.ndjson');
    writeFileSync(file, '{"type":"EmployeeLeft"}\n');
    const io = { stdout: sink(), stderr: sink() };

    const code = await importCommand([file, '--url', url, '--retry-for', '0.3', '--restart'], io);

    expect(code).toBe(1);
    const summary = JSON.parse(io.stdout.text) as { error: string; accepted: number; file: string };
    expect(summary).toMatchObject({ file, accepted: 0, error: expect.stringMatching(/giving up after .*(ECONNREFUSED|refused)/i) });
    expect(io.stderr.text).toContain(`to resume, run:\n  rung import ${file} --url ${url} --retry-for 0.3\n`);
    expect(process.listenerCount('SIGINT')).toBe(0);
  });
});
