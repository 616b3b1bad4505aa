import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiKeys, Caller, type CreatedKey, type KeyView, type Principal } from '@rung/access';
import { RequiresRole } from '@rung/platform';

@Controller('v1/admin/keys')
@RequiresRole('admin')
export class AdminKeysController {
  constructor(private readonly keys: ApiKeys) {}

  /** The secret is in this answer only; Rung keeps its hash. */
  @Post()
  @HttpCode(201)
  create(@Body() body: unknown, @Caller() caller: Principal): Promise<CreatedKey> {
    return this.keys.create(body, caller.keyId);
  }

  @Get()
  async list(): Promise<{ keys: KeyView[] }> {
    return { keys: await this.keys.list() };
  }

  @Delete(':id')
  revoke(@Param('id') id: string): Promise<KeyView> {
    return this.keys.revoke(id);
  }
}
