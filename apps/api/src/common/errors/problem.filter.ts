import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger, NotFoundException } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import { ERROR_CATALOG, type ErrorCode, type ProblemDetails } from '@beaker/contracts';
import { DomainError } from './domain-error';
import { declaredErrorsOf, IMPLIED_ERROR_CODES } from '../http/endpoint';
import type { SpaFallback } from '../http/spa';
import { ErrorTracker } from '../observability/error-tracker';

/** Nest's HttpExceptions (a route the router does not know, …) keep the title of their status. */
const HTTP_CODES: Record<number, ErrorCode> = {
  400: 'BAD_REQUEST',
  401: 'AUTH.UNAUTHENTICATED',
  403: 'AUTH.FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT',
  413: 'REQUEST.PAYLOAD_TOO_LARGE',
  415: 'REQUEST.UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
};

/**
 * Fastify's own errors (body parsing, limits) arrive with a code and a statusCode. Answered with
 * the catalog's code and status, and a title that says which problem of the body it was.
 */
const FASTIFY_CODES: Record<string, { code: ErrorCode; title?: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'REQUEST.PAYLOAD_TOO_LARGE' },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'REQUEST.MALFORMED_BODY', title: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'REQUEST.MALFORMED_BODY', title: 'The JSON body is empty' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'REQUEST.UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'REQUEST.MALFORMED_BODY', title: 'Content-Length does not match the body' },
  // Before routing (Fastify's frameworkErrors): a URL it cannot decode, a path parameter too long.
  FST_ERR_BAD_URL: { code: 'REQUEST.BAD_URL' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'REQUEST.URL_TOO_LONG' },
};

/**
 * What happens when a route answers a DomainError its @Endpoint does not declare (nor its
 * controller's @EndpointErrors, nor IMPLIED_ERROR_CODES): with the response serializers'
 * strictness, the request fails in tests (a 500 naming the route and the code), it is logged once
 * per route and code in development, and nothing is looked at in production.
 */
export type UndeclaredErrorPolicy = 'fail' | 'log' | 'off';

export function undeclaredErrorPolicy(nodeEnv: string): UndeclaredErrorPolicy {
  return nodeEnv === 'test' ? 'fail' : nodeEnv === 'production' ? 'off' : 'log';
}

/** A route answered a code it does not declare (tests only: see UndeclaredErrorPolicy). */
export class UndeclaredError extends Error {
  constructor(
    message: string,
    readonly answered: DomainError,
  ) {
    super(message);
    this.name = 'UndeclaredError';
  }
}

export function toProblem(exception: unknown): { problem: ProblemDetails; headers: Record<string, string>; cause?: unknown } {
  if (exception instanceof DomainError) {
    const headers: Record<string, string> = {};
    const retryAfter = exception.extensions.retryAfterSeconds;
    if (typeof retryAfter === 'number') headers['retry-after'] = String(Math.max(1, Math.ceil(retryAfter)));
    return {
      headers,
      problem: {
        type: `https://beaker.dev/problems/${exception.code.toLowerCase().replace(/[._]/g, '-')}`,
        title: exception.title,
        status: exception.status,
        detail: exception.message,
        code: exception.code,
        ...exception.extensions,
      },
    };
  }
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    const message = typeof body === 'string' ? body : ((body as { message?: unknown }).message ?? exception.message);
    return {
      headers: {},
      problem: {
        type: 'about:blank',
        title: HttpStatus[status]?.replace(/_/g, ' ').toLowerCase().replace(/^\w/, (c) => c.toUpperCase()) ?? 'Error',
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message),
        code: HTTP_CODES[status] ?? `HTTP_${status}`,
      },
    };
  }
  const fastifyCode = (exception as { code?: string } | null)?.code;
  if (fastifyCode && FASTIFY_CODES[fastifyCode]) {
    const { code, title = ERROR_CATALOG[code].title } = FASTIFY_CODES[fastifyCode];
    return { headers: {}, problem: { type: 'about:blank', title, status: ERROR_CATALOG[code].status, code, detail: title } };
  }
  const errorId = randomUUID();
  return {
    headers: {},
    cause: exception,
    problem: {
      type: 'about:blank',
      title: ERROR_CATALOG.INTERNAL.title,
      status: ERROR_CATALOG.INTERNAL.status,
      code: 'INTERNAL' satisfies ErrorCode,
      detail:
        exception instanceof UndeclaredError ? `${exception.message} (error id ${errorId})` : `Something went wrong on our side. Quote error id ${errorId} to support.`,
      errorId,
    },
  };
}

/** Node's HTTP parser's refusals (Fastify's clientErrorHandler): what each answers. */
const CLIENT_ERROR_CODES: Record<string, ErrorCode> = {
  ERR_HTTP_REQUEST_TIMEOUT: 'REQUEST.TIMEOUT',
  HPE_HEADER_OVERFLOW: 'REQUEST.HEADERS_TOO_LARGE',
};

/**
 * Answers what Node's HTTP parser refused before any request existed (headers over its limit, a
 * bad Content-Length or chunk, control bytes in a header, a request that took too long): a
 * problem+json written on the socket, which is then closed, as Fastify's default handler does
 * with its own JSON.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  answerOnSocket(socket, CLIENT_ERROR_CODES[error.code ?? ''] ?? 'REQUEST.MALFORMED');
  socket.destroy(error);
}

/**
 * CONNECT (Node hands it to the server's 'connect' event, and without a listener closes the
 * connection unanswered): we are no proxy.
 */
export function answerConnect(_request: unknown, socket: Socket): void {
  answerOnSocket(socket, 'METHOD_NOT_ALLOWED');
  socket.destroy();
}

/** A problem+json written on a socket that no request owns, before it is closed. */
function answerOnSocket(socket: Socket, code: ErrorCode): void {
  if (!socket.writable) return;
  const { status, title } = ERROR_CATALOG[code];
  const body = JSON.stringify({ type: 'about:blank', title, status, code, detail: title } satisfies ProblemDetails);
  socket.write(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** The one place where failures become answers: RFC 9457 problem+json with a stable `code`. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');
  /** `<route> <code>` pairs already logged as undeclared (development: once each). */
  private readonly loggedUndeclared = new Set<string>();

  constructor(
    private readonly spa?: SpaFallback,
    private readonly undeclared: UndeclaredErrorPolicy = 'off',
    private readonly tracker: ErrorTracker = ErrorTracker.disabled(),
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    if (exception instanceof NotFoundException && this.spa?.tryServe(request, reply)) return;
    this.answer(exception, request, reply);
  }

  /** Answers with the exception's problem, and logs a 500 with its error id. */
  answer(exception: unknown, request: FastifyRequest | undefined, reply: FastifyReply): void {
    if (this.undeclared !== 'off' && exception instanceof DomainError && request) exception = this.checkDeclared(exception, request);
    const { problem, headers, cause } = toProblem(exception);
    if (problem.status >= 500) {
      this.logger.error(
        { errorId: problem.errorId, reqId: request?.id, err: cause instanceof Error ? { message: cause.message, stack: cause.stack, name: cause.name } : cause },
        'unhandled error',
      );
      // Only what nothing handled (a 500 with an error id): a 503 the code chose to answer is not a bug.
      if (problem.errorId) this.tracker.captureException(cause ?? exception, {
        errorId: problem.errorId,
        reqId: request?.id,
        route: request ? `${request.method} ${request.routeOptions?.url ?? 'unmatched'}` : undefined,
        status: problem.status,
      });
    }
    void reply.status(problem.status).headers(headers).type('application/problem+json').send(problem);
  }

  /** The exception, or (policy 'fail') an UndeclaredError when the route does not declare its code. */
  private checkDeclared(exception: DomainError, request: FastifyRequest): unknown {
    const declared = declaredErrorsOf(request);
    // No declaration: not a route of the API (the SPA, the queue dashboard), or no route at all.
    if (!declared || declared.has(exception.code) || IMPLIED_ERROR_CODES.has(exception.code)) return exception;
    const route = `${request.method} ${request.routeOptions.url}`;
    const message = `${route} answered ${exception.code} (${exception.status}), which it does not declare: add it to the route's @Endpoint errors, or its controller's @EndpointErrors`;
    if (this.undeclared === 'fail') return new UndeclaredError(message, exception);
    const key = `${route} ${exception.code}`;
    if (!this.loggedUndeclared.has(key)) {
      this.loggedUndeclared.add(key);
      this.logger.warn({ route, code: exception.code }, message);
    }
    return exception;
  }
}

