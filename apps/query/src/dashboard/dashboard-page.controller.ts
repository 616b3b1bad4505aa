import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { DomainError } from '@rung/domain';
import { etagMatches, PublicRoute } from '@rung/platform';
import { ASSET_NAME, BuiltFiles } from './built-files';

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
  private readonly files = new BuiltFiles();

  @Get()
  @ApiOperation({ summary: 'The dashboard page (HTML); it asks for a dashboard or research key' })
  @ApiProduces('text/html')
  @ApiOkResponse({ description: 'The page.', content: { 'text/html': { schema: { type: 'string' } } } })
  @ApiNotFoundResponse({ description: 'The page has not been built.' })
  page(@Req() req: Request, @Res() res: Response): void {
    this.send(req, res, 'index.html');
  }

  @Get('dashboard/:file')
  @ApiOperation({ summary: 'A script, style sheet or image of the dashboard page' })
  @ApiParam({ name: 'file', schema: { type: 'string', pattern: ASSET_NAME.source } })
  @ApiOkResponse({ description: 'The file.' })
  @ApiNotFoundResponse({ description: 'No such file.' })
  asset(@Param('file') file: string, @Req() req: Request, @Res() res: Response): void {
    if (!ASSET_NAME.test(file)) throw new DomainError('not-found', 'There is no such file.');
    this.send(req, res, file);
  }

  /** Revalidated on every load (no-cache), so a new build shows at once; an unchanged file costs a 304. */
  private send(req: Request, res: Response, name: string): void {
    const file = this.files.get(name);
    if (!file) throw new DomainError('not-found', name === 'index.html' ? MISSING : 'There is no such file.');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('etag', file.etag);
    res.setHeader('vary', 'Accept-Encoding');
    if (etagMatches(req.headers['if-none-match'], file.etag)) {
      res.status(304).end();
      return;
    }
    res.status(200).type(file.type);
    if (file.gzipped && req.acceptsEncodings('gzip')) {
      res.setHeader('content-encoding', 'gzip');
      res.end(file.gzipped);
      return;
    }
    res.end(file.body);
  }
}
