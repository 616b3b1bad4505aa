import { Controller, Get, Header, Res } from '@nestjs/common';
import type { Response } from 'express';
import { RequiresRole } from '../http/requires-role.decorator';
import { RungMetrics } from './rung-metrics';

/** Prometheus scrapes with a `metrics` key: counts and latencies, nothing about any person or organisation. */
@Controller('metrics')
@RequiresRole('metrics')
export class MetricsController {
  constructor(private readonly metrics: RungMetrics) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() res: Response): Promise<void> {
    res.setHeader('Content-Type', this.metrics.contentType);
    res.send(await this.metrics.text());
  }
}
