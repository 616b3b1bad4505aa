import { Controller, Get, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { SchemaObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { answerDisclosureOf, Caller, DISCLOSURES, type Disclosure, type Principal } from '@rung/access';
import { RequiresRole, ROLES, type Role } from '@rung/platform';

/** Who the calling key is: what the dashboard page shows after a key is typed in, and all it learns of it. */
export interface SessionView {
  keyId: string;
  name: string;
  roles: Role[];
  orgIds: string[];
  /** The mode of this key's research and dashboard answers (§7.1); null for a key that reads none. */
  disclosure: Disclosure | null;
}

export const SESSION_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['keyId', 'name', 'roles', 'orgIds', 'disclosure'],
  properties: {
    keyId: { type: 'string', pattern: '^k_[0-9a-f]{16}$' },
    name: { type: 'string' },
    roles: { type: 'array', items: { type: 'string', enum: [...ROLES] } },
    orgIds: { type: 'array', items: { type: 'string' }, description: 'The organisations the key may read; ["*"] for all.' },
    disclosure: {
      type: 'string', enum: [...DISCLOSURES], nullable: true,
      description: 'The disclosure mode of the research and dashboard answers this key gets; null for a key that reads none.',
    },
  },
};

@ApiTags('session')
@Controller('v1/session')
@RequiresRole(...ROLES)
export class SessionController {
  @Get()
  @ApiOperation({ summary: 'The calling key: its name, roles, organisations and disclosure mode; never its secret' })
  @ApiOkResponse({ description: 'The calling key.', schema: SESSION_SCHEMA })
  show(@Caller() caller: Principal, @Req() req: Request): SessionView {
    return { keyId: caller.keyId, name: caller.name, roles: [...caller.roles], orgIds: [...caller.orgIds], disclosure: answerDisclosureOf(req) };
  }
}
