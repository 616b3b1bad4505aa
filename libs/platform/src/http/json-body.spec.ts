import { Body, Controller, HttpCode, Post, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { ProblemDetailsFilter } from '../errors';
import { JsonLogger } from '../logging';
import { jsonBody } from './json-body';

/** Walks what it is given recursively, as validation code might; a body too deep must never reach it. */
function depthOf(value: unknown): number {
  return value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;
}

@Controller()
class EchoController {
  @Post('depth')
  @HttpCode(200)
  depth(@Body() body: unknown): { depth: number } {
    return { depth: depthOf(body) };
  }
}

const nested = (levels: number): string => '['.repeat(levels) + ']'.repeat(levels);

describe('jsonBody', () => {
  let app: INestApplication;
  const logs: string[] = [];
  const post = (body: string) => request(app.getHttpServer() as App).post('/depth').set('content-type', 'application/json').send(body);

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [EchoController] }).compile();
    app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    app.use(jsonBody(1_000_000));
    app.useGlobalFilters(new ProblemDetailsFilter(new JsonLogger('info', (l) => logs.push(l))));
    await app.init();
  });
  afterAll(() => app.close());

  it('answers a body nested 10,000 deep with 400 and a problem document naming the limit, never 500', async () => {
    const res = await post(nested(10_000)).expect(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toEqual({ status: 400, title: 'Bad Request', code: 'bad-request', detail: expect.stringContaining('deeper than 64 levels') });
  });

  it('refuses the first level past 64, in objects as in arrays, and takes 64', async () => {
    expect((await post(nested(64)).expect(200)).body).toEqual({ depth: 64 });
    await post(nested(65)).expect(400);
    const objects = '{"a":'.repeat(65) + '1' + '}'.repeat(65);
    await post(objects).expect(400);
    const batch = JSON.stringify({ events: [{ type: 'EmployeeLeft', data: { reason: 'voluntary' } }] });
    expect((await post(batch).expect(200)).body).toEqual({ depth: 4 });
  });

  it('does not count brackets inside strings as nesting', async () => {
    expect((await post(JSON.stringify({ note: '['.repeat(1000) })).expect(200)).body).toEqual({ depth: 1 });
  });

  it('still answers bad JSON and an oversized body as before, without quoting them', async () => {
    const bad = await post('{"subjectRef": "E123456",').expect(400);
    expect(bad.body.detail).toBe('The request body is not valid JSON.');
    expect(JSON.stringify(bad.body)).not.toContain('E123456');
    await post(JSON.stringify({ big: 'x'.repeat(1_100_000) })).expect(413);
  });
});
