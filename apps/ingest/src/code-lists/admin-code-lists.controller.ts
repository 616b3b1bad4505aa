import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ORG_ID } from '@rung/contracts';
import { DomainError } from '@rung/domain';
import { RequiresRole } from '@rung/platform';
import { parseCodeLists, type CodeLists } from './code-lists';
import { CODE_LIST_STORE, type CodeListStore } from './code-list.store';

@Controller('v1/admin/code-lists')
@RequiresRole('admin')
export class AdminCodeListsController {
  constructor(@Inject(CODE_LIST_STORE) private readonly store: CodeListStore) {}

  /** Replaces the organisation's lists; from then on its events must use listed codes in those fields. */
  @Put(':orgId')
  async put(@Param('orgId') orgId: string, @Body() body: unknown): Promise<{ orgId: string; lists: CodeLists }> {
    const checked = parseCodeLists(body);
    if (!ORG_ID.test(orgId)) throw new DomainError('validation-failed', 'The code lists are not valid.', [{ path: 'orgId', message: 'must be an organisation id (a lower-case slug)' }]);
    if (!checked.ok) throw new DomainError('validation-failed', 'The code lists are not valid.', checked.errors);
    await this.store.put(orgId, checked.value);
    return { orgId, lists: checked.value };
  }

  @Get(':orgId')
  async get(@Param('orgId') orgId: string): Promise<{ orgId: string; lists: CodeLists }> {
    return { orgId, lists: (await this.store.get(orgId)) ?? {} };
  }
}
