import { Controller, Get, HttpCode, Logger, Module, Param, Post } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { Forbidden, NotFound, RateLimited, Unauthenticated } from '../errors/common.errors';
import { defineError } from '../errors/domain-error';
import { ProblemFilter, type UndeclaredErrorPolicy } from '../errors/problem.filter';
import { AddRouteConfig, Endpoint, EndpointErrors, endpointOf } from './endpoint';

class InvalidTrialPhone extends defineError('TRIALS.INVALID_PHONE') {}
class UserTrialLimit extends defineError('TRIALS.USER_LIMIT') {}
class PhoneTrialLimit extends defineError('TRIALS.PHONE_LIMIT') {}
class CodeInvalid extends defineError('TRIALS.CODE_INVALID') {}
class DisposableEmailRefused extends defineError('TRIALS.DISPOSABLE_EMAIL') {}

const THROWN: Record<string, () => Error> = {
  declared: () => new UserTrialLimit(),
  fromController: () => new Forbidden('for API keys'),
  implied: () => new (defineError('REQUEST.PAYLOAD_TOO_LARGE'))(),
  undeclared: () => new CodeInvalid('That code is not right'),
  unexpected: () => new Error('boom'),
};

@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'for API keys' }, { error: NotFound, note: 'not yours' }])
@Controller('things')
class ThingsController {
  @Post(':what')
  @HttpCode(201)
  @AddRouteConfig({ somethingElse: true })
  @Endpoint({
    summary: 'Make a thing',
    description: 'It is made.',
    response: { status: 201, description: 'Made' },
    errors: [
      InvalidTrialPhone,
      DisposableEmailRefused,
      UserTrialLimit,
      { error: PhoneTrialLimit, note: 'per number' },
      { error: NotFound, note: 'no such thing' },
      { error: RateLimited, note: 'per IP' },
    ],
  })
  make(@Param('what') what: string): never {
    throw THROWN[what]();
  }

  @Get()
  @Endpoint({ summary: 'The things', response: { status: 200, schema: { type: 'object' } } })
  list(): object {
    return {};
  }
}

@Module({ controllers: [ThingsController] })
class ThingsModule {}

/** The route config of the last request. */
let lastConfig: Record<string, unknown> | undefined;

async function appWith(policy: UndeclaredErrorPolicy): Promise<{ app: NestFastifyApplication; document: OpenAPIObject }> {
  const app = await NestFactory.create<NestFastifyApplication>(ThingsModule, new FastifyAdapter(), { logger: false });
  app.useGlobalFilters(new ProblemFilter(undefined, policy));
  app.getHttpAdapter().getInstance().addHook('onRequest', async (request) => {
    lastConfig = request.routeOptions.config as unknown as Record<string, unknown>;
  });
  const document = SwaggerModule.createDocument(app, new DocumentBuilder().build());
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  return { app, document };
}

describe('@Endpoint', () => {
  let app: NestFastifyApplication;
  let document: OpenAPIObject;
  beforeAll(async () => ({ app, document } = await appWith('fail')));
  afterAll(() => app.close());

  it('documents the operation, its success and one problem response per error status, its controller\'s errors included', () => {
    const operation = document.paths['/things/{what}'].post!;
    expect(operation.summary).toBe('Make a thing');
    expect(operation.description).toBe('It is made.');
    expect(Object.keys(operation.responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '429']);
    expect(operation.responses['201']).toEqual({ description: 'Made' });
    const problem = { 'application/json': { schema: { $ref: '#/components/schemas/ProblemResponse' } } };
    expect(operation.responses['400']).toEqual({ description: '`TRIALS.INVALID_PHONE`: Enter a valid US or Canadian phone number', content: problem });
    expect(operation.responses['409']).toEqual({
      description:
        '`TRIALS.USER_LIMIT`: You have used all your trials\n\n' +
        '`TRIALS.PHONE_LIMIT`: This phone number has already been used for the maximum number of trials (per number)',
      content: problem,
    });
    // The route's own 404 first; the controller's NOT_FOUND gives way to the route's note.
    expect(operation.responses['404']).toEqual({ description: '`NOT_FOUND`: Not found (no such thing)', content: problem });
    expect(operation.responses['401']).toEqual({ description: '`AUTH.UNAUTHENTICATED`: Authentication required', content: problem });
    // A status both declare: the route's codes, then the controller's (@nestjs/swagger joins the two descriptions).
    expect(operation.responses['403']).toEqual({
      description: '`TRIALS.DISPOSABLE_EMAIL`: Trials need a permanent email address\n\n`AUTH.FORBIDDEN`: Forbidden (for API keys)',
      content: problem,
    });
    expect(operation.responses['429']).toEqual({ description: '`RATE_LIMITED`: Too many requests (per IP)', content: problem });
    expect(document.components?.schemas?.ProblemResponse).toBeDefined();
  });

  it("adds the controller's errors to a status the route documents already, after the route's own", () => {
    @EndpointErrors([{ error: Forbidden, note: 'not staff' }])
    @Controller('other')
    class OtherController {
      @Get()
      @Endpoint({ summary: 'x', response: { status: 200 }, errors: [{ error: defineError('TRIALS.DISPOSABLE_EMAIL'), note: 'throwaway' }] })
      get(): void {}
    }
    const record = endpointOf(OtherController.prototype.get);
    expect(record?.errors.map((e) => ('error' in e ? e.error.code : e.code))).toEqual(['TRIALS.DISPOSABLE_EMAIL', 'AUTH.FORBIDDEN']);
  });

  it('documents a route without errors with its success alone (and its controller\'s errors)', () => {
    const operation = document.paths['/things'].get!;
    expect(Object.keys(operation.responses).sort()).toEqual(['200', '401', '403', '404']);
    expect(operation.responses['200']).toEqual({ description: '', content: { 'application/json': { schema: { type: 'object' } } } });
    expect(operation.responses['404']).toMatchObject({ description: '`NOT_FOUND`: Not found (not yours)' });
  });

  const post = (what: string) => app.getHttpAdapter().getInstance().inject({ method: 'POST', url: `/things/${what}` });

  it('answers declared codes (the route\'s, its controller\'s, the implied ones) as they are', async () => {
    expect((await post('declared')).json()).toMatchObject({ status: 409, code: 'TRIALS.USER_LIMIT' });
    expect((await post('fromController')).json()).toMatchObject({ status: 403, code: 'AUTH.FORBIDDEN' });
    expect((await post('implied')).json()).toMatchObject({ status: 413, code: 'REQUEST.PAYLOAD_TOO_LARGE' });
    expect((await post('unexpected')).json()).toMatchObject({ status: 500, code: 'INTERNAL' });
  });

  it('keeps what other decorators put in the route config', async () => {
    await post('declared');
    expect(lastConfig).toMatchObject({ somethingElse: true });
    expect([...(lastConfig!.declaredErrors as Set<string>)].sort()).toEqual(
      ['AUTH.FORBIDDEN', 'AUTH.UNAUTHENTICATED', 'NOT_FOUND', 'RATE_LIMITED', 'TRIALS.DISPOSABLE_EMAIL', 'TRIALS.INVALID_PHONE', 'TRIALS.PHONE_LIMIT', 'TRIALS.USER_LIMIT'],
    );
  });

  it('in tests, fails a request that answers a code its route does not declare, naming the route and the code', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    try {
      const res = await post('undeclared');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ code: 'INTERNAL' });
      expect(res.json().detail).toContain('POST /things/:what answered TRIALS.CODE_INVALID (400), which it does not declare');
    } finally {
      errors.mockRestore();
    }
  });
});

describe('the check of undeclared codes outside tests', () => {
  it('in development, answers as usual and logs each route and code once', async () => {
    const { app } = await appWith('log');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const post = () => app.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/things/undeclared' });
      for (let i = 0; i < 3; i++) expect((await post()).json()).toMatchObject({ status: 400, code: 'TRIALS.CODE_INVALID', detail: 'That code is not right' });
      const undeclared = warn.mock.calls.filter(([, message]) => String(message).includes('does not declare'));
      expect(undeclared).toHaveLength(1);
      expect(undeclared[0][0]).toEqual({ route: 'POST /things/:what', code: 'TRIALS.CODE_INVALID' });
    } finally {
      warn.mockRestore();
      await app.close();
    }
  });

  it('in production, looks at nothing', async () => {
    const { app } = await appWith('off');
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      const res = await app.getHttpAdapter().getInstance().inject({ method: 'POST', url: '/things/undeclared' });
      expect(res.json()).toMatchObject({ status: 400, code: 'TRIALS.CODE_INVALID' });
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
      await app.close();
    }
  });
});
