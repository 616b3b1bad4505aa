import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { RequiresRole } from '@rung/platform';
import { Erasures, type ErasureView } from '@rung/projections';
import { ERASURE_REQUEST_EXAMPLES, ERASURE_REQUEST_SCHEMA, ERASURE_VIEW_SCHEMA } from '../openapi/bodies.openapi';

/** Erasure requests (§8): 202 at once with an id; the erasure finishes in the background. */
@ApiTags('admin')
@Controller('v1/admin/erasures')
@RequiresRole('admin')
export class AdminErasuresController {
  constructor(private readonly erasures: Erasures) {}

  @Post()
  @HttpCode(202)
  @ApiOperation({ summary: 'Erase a subject (crypto-shredding)', description: 'Answers at once; the erasure finishes in the background. Asking again gives the same erasure.' })
  @ApiBody({ schema: ERASURE_REQUEST_SCHEMA, examples: ERASURE_REQUEST_EXAMPLES })
  @ApiAcceptedResponse({ schema: ERASURE_VIEW_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: 'orgId or subjectRef is missing or not valid, or an unknown field is given.' })
  request(@Body() body: unknown): Promise<ErasureView> {
    return this.erasures.request(body);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An erasure\'s status' })
  @ApiOkResponse({ schema: ERASURE_VIEW_SCHEMA })
  @ApiNotFoundResponse({ description: 'No erasure with this id.' })
  status(@Param('id') id: string): Promise<ErasureView> {
    return this.erasures.status(id);
  }
}
