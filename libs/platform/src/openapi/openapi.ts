import type { INestApplication, Type } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer } from '@nestjs/core';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject, type OperationObject, type ResponseObject } from '@nestjs/swagger';
import { PUBLIC_ROUTE, REQUIRED_ROLES, type Role } from '../http/requires-role.decorator';
import { PROBLEM_SCHEMA, problemResponse } from './problem-schema';

/** Swagger UI is served here, and the OpenAPI 3 document at `${DOCS_PATH}-json`; both need no key. */
export const DOCS_PATH = '/docs';
export const DOCS_JSON_PATH = '/docs-json';
export const BEARER_SCHEME = 'bearer';

/** True for the routes that SwaggerModule registers on the HTTP server itself, outside Nest's router. */
export function isDocsRoute(path: string): boolean {
  return path === DOCS_PATH || path === DOCS_JSON_PATH || path.startsWith(`${DOCS_PATH}/`);
}

interface HandlerAccess {
  public: boolean;
  roles: readonly Role[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'] as const;

/**
 * Serves Swagger UI at /docs and the OpenAPI document at /docs-json, from the swagger-ui-dist package
 * (nothing is fetched from elsewhere). The document is built on first request from the controllers'
 * decorators; who may call each route is read from the same metadata the AccessGuard reads.
 */
export function setupOpenApi(app: INestApplication): void {
  const config = new DocumentBuilder()
    .setTitle('Rung')
    .setDescription(
      'Career-event backend: immutable, pseudonymised career events in; timelines, cohorts, studies and equality indicators out. '
      + 'Every route but /health/* and these docs needs `Authorization: Bearer rung_…` (an API key made by an admin). '
      + 'Errors are JSON problem documents (`application/problem+json`).',
    )
    .setVersion('v1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'rung_ and 43 base64url characters', description: 'An API key: `Authorization: Bearer rung_…`.' }, BEARER_SCHEME)
    .build();
  config.components = { ...config.components, schemas: { Problem: PROBLEM_SCHEMA } };
  const build = (): OpenAPIObject => {
    const document = SwaggerModule.createDocument(app, config, { operationIdFactory: operationId });
    return describeAccess(document, handlerAccess(app));
  };
  SwaggerModule.setup(DOCS_PATH, app, build, {
    jsonDocumentUrl: DOCS_JSON_PATH,
    raw: ['json'],
    customSiteTitle: 'Rung API',
    swaggerOptions: { validatorUrl: null, persistAuthorization: false },
  });
}

function operationId(controllerKey: string, methodKey: string): string {
  return `${controllerKey}_${methodKey}`;
}

/** PUBLIC_ROUTE and REQUIRED_ROLES of every route handler, by operation id. */
function handlerAccess(app: INestApplication): Map<string, HandlerAccess> {
  const access = new Map<string, HandlerAccess>();
  for (const module of app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const controller = wrapper.metatype as Type | null;
      if (!controller) continue;
      const proto = controller.prototype as Record<string, unknown>;
      for (const key of Object.getOwnPropertyNames(proto)) {
        const handler = proto[key];
        if (key === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(PATH_METADATA, handler) === undefined) continue;
        const read = <T>(name: string): T | undefined => Reflect.getMetadata(name, handler) ?? Reflect.getMetadata(name, controller);
        access.set(operationId(controller.name, key), { public: read<boolean>(PUBLIC_ROUTE) === true, roles: read<Role[]>(REQUIRED_ROLES) ?? [] });
      }
    }
  }
  return access;
}

/**
 * Puts on each operation what holds for every route alike: the bearer scheme and 401/403/429 on every
 * route that is not public (deny by default, as the guard does), 400/413 on every route with a body,
 * and a problem document on every error answer.
 */
export function describeAccess(document: OpenAPIObject, access: ReadonlyMap<string, HandlerAccess>): OpenAPIObject {
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const rule = access.get(op.operationId ?? '') ?? { public: false, roles: [] };
      if (!rule.public) {
        op.security = [{ [BEARER_SCHEME]: [] }];
        const roles = rule.roles.length ? rule.roles.map((r) => `\`${r}\``).join(', ') : 'none (no key may call it)';
        op.description = [`Key roles: ${roles}.`, op.description].filter(Boolean).join('\n\n');
        (op as OperationObject & { 'x-rung-roles'?: readonly Role[] })['x-rung-roles'] = rule.roles;
        for (const status of [401, 403, 429]) addProblem(op, status);
      } else {
        op.security = [];
      }
      if (op.requestBody) for (const status of [400, 413]) addProblem(op, status);
      for (const [status, response] of Object.entries(op.responses)) {
        const r = response as ResponseObject;
        if (Number(status) >= 400 && !r.content) op.responses[status] = { ...problemResponse(Number(status), r.description), ...(r.headers ? { headers: r.headers } : {}) };
      }
    }
  }
  return document;
}

function addProblem(op: OperationObject, status: number): void {
  op.responses[status] ??= problemResponse(status);
}
