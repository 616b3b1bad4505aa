import { SetMetadata } from '@nestjs/common';

export const ORG_SCOPED = 'rung:org-scoped';

export interface OrgScopedSource {
  in: 'param' | 'query';
  name: string;
}

/** The route names its organisation in a path or query parameter; the guard refuses one outside the key's. */
export const OrgScoped = (source: OrgScopedSource): MethodDecorator & ClassDecorator => SetMetadata(ORG_SCOPED, source);
