import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';
import { Controller, Get, Param, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { DomainError } from '@rung/domain';
import { PublicRoute } from '@rung/platform';

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
const ASSET_NAME = /^[a-z0-9][a-z0-9.-]{0,80}\.(js|css|svg|png|txt)$/;
const MISSING = 'The dashboard page has not been built: run `npm run build`.';

/**
 * The dashboard page of §13: static files, built at install time, that need no key to load. The page
 * asks for a key and then talks to Rung only through the public API. Only files that the build wrote
 * are served, by name, so no path can reach anything else.
 */
@ApiTags('dashboard')
@Controller()
@PublicRoute()
export class DashboardPageController {
  private readonly dir = dashboardDir();
  private files: Map<string, Buffer> | null = null;

  @Get()
  @ApiOperation({ summary: 'The dashboard page (HTML); it asks for a dashboard or research key' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'The page has not been built.' })
  page(@Res() res: Response): void {
    this.send(res, 'index.html', 'no-cache');
  }

  @Get('dashboard/:file')
  @ApiOperation({ summary: 'A script, style sheet or image of the dashboard page' })
  @ApiParam({ name: 'file', schema: { type: 'string', pattern: ASSET_NAME.source } })
  @ApiOkResponse({ description: 'The file.' })
  @ApiNotFoundResponse({ description: 'No such file.' })
  asset(@Param('file') file: string, @Res() res: Response): void {
    if (!ASSET_NAME.test(file)) throw new DomainError('not-found', 'There is no such file.');
    this.send(res, file, 'no-cache');
  }

  private send(res: Response, name: string, cache: string): void {
    const body = this.built().get(name);
    if (!body) throw new DomainError('not-found', name === 'index.html' ? MISSING : 'There is no such file.');
    res.status(200).type(TYPES[extname(name)] ?? 'application/octet-stream').setHeader('cache-control', cache);
    res.end(body);
  }

  /** The built files, read once; read again while the page is not built yet, so a later build is picked up. */
  private built(): Map<string, Buffer> {
    if (this.files?.size) return this.files;
    const files = new Map<string, Buffer>();
    if (existsSync(this.dir)) {
      for (const name of readdirSync(this.dir)) if (name === 'index.html' || ASSET_NAME.test(name)) files.set(name, readFileSync(join(this.dir, name)));
    }
    this.files = files;
    return files;
  }
}
