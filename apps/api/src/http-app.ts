import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { WEBHOOKS_GUIDE } from './modules/outbound-webhooks';
import { type FastifyError, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { Clock } from './common/clock';
import { answerClientError, answerConnect, ProblemFilter, undeclaredErrorPolicy } from './common/errors/problem.filter';
import { registerCookies } from './common/http/cookies';
import { LazyLogger, requestHooks, requestId } from './common/http/request-logging';
import { registerResponseSerializers, responseCheckOptions } from './common/http/response-serializers';
import { registerSecurityHeaders } from './common/http/security-headers';
import { registerSpa } from './common/http/spa';
import { RequestValidationPipe } from './common/http/validation.pipe';
import { createLogOutput } from './common/logging';
import { ErrorTracker } from './common/observability/error-tracker';
import { Metrics } from './common/observability/metrics';
import { registerMetricsRoute } from './common/observability/metrics-endpoint';
import { registerQueueDashboard } from './modules/admin';
import { WorkerService } from './common/queue/worker.service';
import { AppConfig } from './config/app-config';

export const BODY_LIMIT_BYTES = 1024 * 1024;

export interface HttpAppOptions {
  /** Run the job processors inside this process (WORKERS=inline). */
  inlineWorkers?: boolean;
  /** Serve the OpenAPI document and Swagger UI (on by default). */
  docs?: boolean;
  /** Replaces the system clock (tests). */
  clock?: Clock;
}

/** Builds the HTTP application: `/v1`, `/webhooks`, `/health`, `/docs` and the SPA on one port. */
export async function createHttpApp(config: AppConfig, options: HttpAppOptions = {}): Promise<NestFastifyApplication> {
  // The destination is ours, kept by reference: the request lines are written to it directly.
  const { logger, destination } = createLogOutput({ level: config.env.LOG_LEVEL, service: 'beaker-api', pretty: config.env.NODE_ENV === 'development' && process.stdout.isTTY });
  const metrics = new Metrics({ service: 'beaker-api' });
  const tracker = ErrorTracker.fromConfig(config, 'beaker-api');
  const hooks = requestHooks(logger, destination, metrics);
  const adapter = new FastifyAdapter({
    // request.log (a child logger per request) is made when something logs through it.
    loggerInstance: LazyLogger.over(logger),
    // requestHooks writes one line per request instead of Fastify's two.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT_BYTES,
    // Fastify's defaults are no timeouts at all (it turns Node's off): a slow client could hold a
    // connection, and its memory, for ever.
    requestTimeout: config.env.HTTP_REQUEST_TIMEOUT_MS,
    connectionTimeout: config.env.HTTP_CONNECTION_TIMEOUT_MS,
    trustProxy: config.env.TRUST_PROXY,
    // X-Request-Id is read by requestId(), which keeps only a plain one.
    requestIdHeader: false,
    genReqId: requestId,
    return503OnClosing: true,
    // What fails before routing (a URL Fastify cannot decode) is answered like every other error,
    // and logged like every other request: no route's hooks run for it.
    frameworkErrors: (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
      void reply.header('x-request-id', request.id);
      problems.answer(error, request, reply);
      hooks.onResponse(request, reply, () => undefined);
    },
    // What Node's HTTP parser refuses before there is a request (headers too large, a bad
    // Content-Length): problem+json too, instead of Fastify's own JSON.
    clientErrorHandler: answerClientError,
    // No Nest middleware here (LoggerModule has forRoutes: []): without middie, no request pays for
    // a middleware runner that has nothing to run. A module that adds middleware fails at boot.
    skipMiddie: true,
  });
  adapter.setOnRequestHook(hooks.onRequest);
  adapter.setOnResponseHook(hooks.onResponse);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(config, { role: 'http', inlineWorkers: options.inlineWorkers, clock: options.clock, logger, observability: { metrics, tracker } }), adapter, {
    bufferLogs: true,
    abortOnError: false,
  });
  app.useLogger(app.get(Logger));
  const fastify = app.getHttpAdapter().getInstance();
  registerCookies(fastify);
  fastify.server.on('connect', answerConnect);
  // Before any route is added: each route gets its headers when it is registered.
  await registerSecurityHeaders(fastify, config);

  registerMetricsRoute(fastify, metrics, config.env.METRICS_TOKEN);
  const spa = await registerSpa(fastify, config.env.WEB_DIST);
  const problems = new ProblemFilter(spa, undeclaredErrorPolicy(config.env.NODE_ENV), tracker);
  app.useGlobalFilters(problems);
  app.useGlobalPipes(new RequestValidationPipe());
  app.enableShutdownHooks();

  // The document serves /docs and gives each documented route its response serializer.
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Beaker API')
      .setDescription(
        'AI phone agents for small businesses. Integrators authenticate with an API key (`Authorization: Bearer bk_live_…`); ' +
          'the web app uses a session cookie plus the `X-CSRF-Token` header. Errors are RFC 9457 `application/problem+json` with a stable `code`. ' +
          'Lists answer `{items, nextCursor}`: pass `nextCursor` back as `?cursor=` for the next page.\n\n' +
          WEBHOOKS_GUIDE,
      )
      .setVersion('1.0.0')
      .setLicense('Proprietary', `${config.appUrl}/terms`)
      .addServer(config.appUrl)
      .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API key created by a business owner' }, 'apiKey')
      .addCookieAuth('beaker_session', { type: 'apiKey', in: 'cookie', name: 'beaker_session' }, 'session')
      .build(),
  );
  if (options.docs !== false) SwaggerModule.setup('docs', app, document, { jsonDocumentUrl: 'docs-json', customSiteTitle: 'Beaker API' });
  const checks = responseCheckOptions(config.env.NODE_ENV);
  const serializers = registerResponseSerializers(fastify, document, checks);

  await registerQueueDashboard(app);
  await app.init();
  const unserved = serializers.unserved();
  if (unserved.length > 0) {
    const message = `documented routes the router does not know by the same path (written with JSON.stringify): ${unserved.join(', ')}`;
    if (checks.strict) throw new Error(message);
    app.get(Logger).warn(message);
  }
  if (options.inlineWorkers) await app.get(WorkerService).start();
  return app;
}
