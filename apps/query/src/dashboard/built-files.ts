import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Where `npm run build` puts the page (apps/dashboard/build.js): `dist/dashboard` at the repository root. */
export function dashboardDir(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return join(dir, 'dist', 'dashboard');
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
};
export const ASSET_NAME = /^[a-z0-9][a-z0-9.-]{0,80}\.(js|css|svg|png|txt)$/;
/** Text worth compressing: below this, gzip's header costs more than it saves. */
const GZIP_FROM_BYTES = 1024;

export interface BuiltFile {
  type: string;
  body: Buffer;
  /** The body gzipped once when read, for clients that accept it; null for small or already compressed files. */
  gzipped: Buffer | null;
  /** Weak, so that it names the file under either content coding (RFC 9110 §8.8.3). */
  etag: string;
}

function builtFile(name: string, body: Buffer): BuiltFile {
  const type = TYPES[extname(name)] ?? 'application/octet-stream';
  const compressible = body.length >= GZIP_FROM_BYTES && !type.startsWith('image/png');
  return { type, body, gzipped: compressible ? gzipSync(body, { level: 9 }) : null, etag: `W/"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

/** The files the build wrote, read once; read again while the page is not built yet, so a later build is picked up. */
export class BuiltFiles {
  private files = new Map<string, BuiltFile>();

  constructor(private readonly dir: string = dashboardDir()) {}

  get(name: string): BuiltFile | undefined {
    if (!this.files.size) this.files = this.read();
    return this.files.get(name);
  }

  private read(): Map<string, BuiltFile> {
    const files = new Map<string, BuiltFile>();
    if (!existsSync(this.dir)) return files;
    for (const name of readdirSync(this.dir)) {
      if (name === 'index.html' || ASSET_NAME.test(name)) files.set(name, builtFile(name, readFileSync(join(this.dir, name))));
    }
    return files;
  }
}
