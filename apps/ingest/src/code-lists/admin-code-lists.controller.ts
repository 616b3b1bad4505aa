import { Body, Controller, Get, Inject, Param, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiParam, ApiResponse, ApiTags } from '@nestjs/swagger';
import { ORG_ID } from '@rung/contracts';
import { DomainError } from '@rung/domain';
import { RequiresRole } from '@rung/platform';
import { parseCodeLists, type CodeLists } from './code-lists';
import { CODE_LIST_STORE, type CodeListStore } from './code-list.store';
import { CODE_LISTS_EXAMPLES, CODE_LISTS_SCHEMA, ORG_CODE_LISTS_SCHEMA } from '../openapi/code-lists.openapi';

const ORG_PARAM = { name: 'orgId', description: 'An organisation id (a lower-case slug).', example: 'rx1-trust', schema: { type: 'string', pattern: ORG_ID.source } };

@ApiTags('admin')
@Controller('v1/admin/code-lists')
@RequiresRole('admin')
export class AdminCodeListsController {
  constructor(@Inject(CODE_LIST_STORE) private readonly store: CodeListStore) {}

  /** Replaces the organisation's lists; from then on its events must use listed codes in those fields. */
  @Put(':orgId')
  @ApiOperation({ summary: 'Replace an organisation\'s registered code lists' })
  @ApiParam(ORG_PARAM)
  @ApiBody({ schema: CODE_LISTS_SCHEMA, examples: CODE_LISTS_EXAMPLES })
  @ApiOkResponse({ description: 'The lists now in force.', schema: ORG_CODE_LISTS_SCHEMA })
  @ApiResponse({ status: 422, description: 'A field has no code list, a list is empty or too long, a code is not a readable code, or orgId is not an organisation id.' })
  async put(@Param('orgId') orgId: string, @Body() body: unknown): Promise<{ orgId: string; lists: CodeLists }> {
    const checked = parseCodeLists(body);
    if (!ORG_ID.test(orgId)) throw new DomainError('validation-failed', 'The code lists are not valid.', [{ path: 'orgId', message: 'must be an organisation id (a lower-case slug)' }]);
    if (!checked.ok) throw new DomainError('validation-failed', 'The code lists are not valid.', checked.errors);
    await this.store.put(orgId, checked.value);
    return { orgId, lists: checked.value };
  }

  @Get(':orgId')
  @ApiOperation({ summary: 'Read an organisation\'s registered code lists ({} when none)' })
  @ApiParam(ORG_PARAM)
  @ApiOkResponse({ schema: ORG_CODE_LISTS_SCHEMA })
  async get(@Param('orgId') orgId: string): Promise<{ orgId: string; lists: CodeLists }> {
    return { orgId, lists: (await this.store.get(orgId)) ?? {} };
  }
}
