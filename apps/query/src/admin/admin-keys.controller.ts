import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import { ApiKeys, Caller, type CreatedKey, type KeyView, type Principal } from '@rung/access';
import { RequiresRole } from '@rung/platform';
import { CREATED_KEY_SCHEMA, KEY_REQUEST_EXAMPLES, KEY_REQUEST_SCHEMA, KEY_VIEW_SCHEMA } from '../openapi/bodies.openapi';

@ApiTags('admin')
@Controller('v1/admin/keys')
@RequiresRole('admin')
export class AdminKeysController {
  constructor(private readonly keys: ApiKeys) {}

  /** The secret is in this answer only; Rung keeps its hash. */
  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Make an API key' })
  @ApiBody({ schema: KEY_REQUEST_SCHEMA, examples: KEY_REQUEST_EXAMPLES })
  @ApiCreatedResponse({ description: 'The key, with its secret: shown once.', schema: CREATED_KEY_SCHEMA })
  @ApiUnprocessableEntityResponse({ description: 'A field is missing, unknown or not valid.' })
  create(@Body() body: unknown, @Caller() caller: Principal): Promise<CreatedKey> {
    return this.keys.create(body, caller.keyId);
  }

  @Get()
  @ApiOperation({ summary: 'Every key, never a secret' })
  @ApiOkResponse({ schema: { type: 'object', properties: { keys: { type: 'array', items: KEY_VIEW_SCHEMA } } } })
  async list(): Promise<{ keys: KeyView[] }> {
    return { keys: await this.keys.list() };
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Revoke a key: out of use at once' })
  @ApiParam({ name: 'id', schema: { type: 'string', pattern: '^k_[0-9a-f]{16}$' } })
  @ApiOkResponse({ description: 'The revoked key.', schema: KEY_VIEW_SCHEMA })
  @ApiNotFoundResponse({ description: 'No key with this id.' })
  revoke(@Param('id') id: string): Promise<KeyView> {
    return this.keys.revoke(id);
  }
}
