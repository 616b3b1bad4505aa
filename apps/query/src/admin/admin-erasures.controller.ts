import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { RequiresRole } from '@rung/platform';
import { Erasures, type ErasureView } from '@rung/projections';

/** Erasure requests (§8): 202 at once with an id; the erasure finishes in the background. */
@Controller('v1/admin/erasures')
@RequiresRole('admin')
export class AdminErasuresController {
  constructor(private readonly erasures: Erasures) {}

  @Post()
  @HttpCode(202)
  request(@Body() body: unknown): Promise<ErasureView> {
    return this.erasures.request(body);
  }

  @Get(':id')
  status(@Param('id') id: string): Promise<ErasureView> {
    return this.erasures.status(id);
  }
}
