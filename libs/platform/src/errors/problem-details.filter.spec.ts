import { BadRequestException, Controller, Get, type INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import type { App } from 'supertest/types';
import { DomainError } from '@rung/domain';
import { JsonLogger } from '../logging';
import { ProblemDetailsFilter } from './problem-details.filter';

@Controller()
class ThrowingController {
  @Get('boom')
  boom(): never {
    throw new Error('database password is hunter2 at /srv/secret.ts');
  }
  @Get('domain')
  domain(): never {
    throw new DomainError('validation-failed', 'Some fields are wrong.', [{ path: 'x', message: 'is bad' }]);
  }
  @Get('http')
  http(): never {
    throw new BadRequestException('nope');
  }
  @Get('busy')
  busy(): never {
    throw new DomainError('too-many-requests', 'Too many cold computations are waiting.');
  }
  @Get('corrupt')
  corrupt(): never {
    throw new DomainError('journal-corrupt', 'journal /srv/rung/.data/journal.log damaged');
  }
}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;
  const logs: string[] = [];

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ controllers: [ThrowingController] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    app.useGlobalFilters(new ProblemDetailsFilter(new JsonLogger('info', (l) => logs.push(l))));
    await app.init();
  });
  afterAll(() => app.close());

  it('turns an unknown error into a 500 with an error id and no internals, and logs the id', async () => {
    const res = await request(app.getHttpServer() as App).get('/boom').expect(500);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toEqual({ status: 500, title: 'Internal Server Error', detail: expect.stringContaining(res.body.errorId), errorId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
    expect(JSON.stringify(res.body)).not.toMatch(/hunter2|secret\.ts/);
    const line = JSON.parse(logs.find((l) => l.includes(res.body.errorId)) ?? '{}');
    expect(line).toMatchObject({ level: 'error', errorId: res.body.errorId, error: 'Error' });
    expect(JSON.stringify(line)).not.toContain('hunter2');
  });

  it('maps a domain error by its code, with its field errors', async () => {
    const res = await request(app.getHttpServer() as App).get('/domain').expect(422);
    expect(res.body).toEqual({ status: 422, title: 'Unprocessable Entity', detail: 'Some fields are wrong.', code: 'validation-failed', errors: [{ path: 'x', message: 'is bad' }] });
  });

  it('keeps Nest HTTP exceptions as they are meant', async () => {
    const res = await request(app.getHttpServer() as App).get('/http').expect(400);
    expect(res.body).toEqual({ status: 400, title: 'Bad Request', detail: 'nope' });
  });

  it('answers a 429 with a Retry-After when nothing set one', async () => {
    const res = await request(app.getHttpServer() as App).get('/busy').expect(429);
    expect(res.headers['retry-after']).toBe('1');
    expect(res.body).toMatchObject({ status: 429, code: 'too-many-requests' });
  });

  it('hides the detail of internal domain errors too', async () => {
    const res = await request(app.getHttpServer() as App).get('/corrupt').expect(500);
    expect(res.body.detail).not.toContain('/srv');
  });
});
